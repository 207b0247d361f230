import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testRunId, waitFor } from '@taskflow/service-kit/testing';
import { freePort } from './stack';

const run = promisify(execFile);

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * A RabbitMQ node of this test's own, started with the machine's `rabbitmq-server` and driven with
 * its `rabbitmqctl`, so a test can restart the broker without touching the shared one that other
 * test files use at the same time. Its own node name, AMQP and distribution ports, data and log
 * directories, an empty environment file (the machine's sets the shared node's name) and no plugins.
 */
export async function startRabbitNode() {
  const node = `tf-fault-${testRunId()}@localhost`;
  const [amqpPort, distPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'tf-rabbit-'));
  // Run as root, the Debian wrappers switch to the rabbitmq user, who must be able to write here.
  chmodSync(dir, 0o777);
  const files = {
    config: join(dir, 'rabbitmq.conf'),
    plugins: join(dir, 'enabled_plugins'),
    envFile: join(dir, 'rabbitmq-env.conf'),
    log: join(dir, 'server.log'),
  };
  writeFileSync(files.config, `listeners.tcp.default = ${amqpPort}\n`);
  writeFileSync(files.plugins, '[].\n');
  writeFileSync(files.envFile, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: files.config,
    RABBITMQ_ENABLED_PLUGINS_FILE: files.plugins,
    RABBITMQ_CONF_ENV_FILE: files.envFile,
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };
  const out = openSync(files.log, 'a');
  // Its own process group, so that whatever the wrappers spawn can be ended together at the end.
  const server = spawn('rabbitmq-server', [], { env, stdio: ['ignore', out, out], detached: true });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const log = () => readFileSync(files.log, 'utf8').slice(-3000);
  const ctl = async (...args: string[]) => {
    try {
      await run('rabbitmqctl', ['-n', node, ...args], { env, timeout: 60_000 });
    } catch (err) {
      throw new Error(`rabbitmqctl ${args.join(' ')} failed: ${(err as Error).message}\n${log()}`);
    }
  };
  const ready = (what: string) =>
    waitFor(
      async () => {
        if (server.exitCode !== null) throw new Error(`rabbitmq-server exited:\n${log()}`);
        return answers(amqpPort);
      },
      { timeoutMs: 60_000, intervalMs: 200, what },
    );

  const rabbit = {
    node,
    url: `amqp://guest:guest@127.0.0.1:${amqpPort}`,
    ready: () => ready(`RabbitMQ node ${node}`),

    /** Stops the broker application (every connection drops, queues stay) and starts it again. */
    async stopApp(): Promise<void> {
      await ctl('stop_app');
    },
    async startApp(): Promise<void> {
      await ctl('start_app');
      await ready(`RabbitMQ node ${node} after start_app`);
    },

    /** Stops the node (its process group is killed if it does not go), and deletes its files. */
    async close(): Promise<void> {
      if (server.exitCode === null && server.signalCode === null) {
        await ctl('stop').catch(() => undefined);
        const gone = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 10_000, false))]);
        if (!gone) process.kill(-server.pid!, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rabbit;
}

export type RabbitNode = Awaited<ReturnType<typeof startRabbitNode>>;
