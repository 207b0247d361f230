import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@taskflow/service-kit/db';
import { deleteRedisKeys, deleteTopology, TEST_PG_URL, testRunId, waitFor } from '@taskflow/service-kit/testing';
import { expect, it } from 'vitest';
import { freePort } from './stack';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

type StackPorts = Record<'gateway' | 'auth' | 'tasks' | 'notifications' | 'smtp' | 'web', number>;

/** The environment of a start.mjs under test: its own ports, and nothing inherited but PATH and HOME. */
const startEnv = (ports: StackPorts) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: '1',
  PORT: String(ports.gateway),
  AUTH_PORT: String(ports.auth),
  TASKS_PORT: String(ports.tasks),
  NOTIFICATIONS_PORT: String(ports.notifications),
  MAIL_SMTP_PORT: String(ports.smtp),
  MAIL_WEB_PORT: String(ports.web),
});

/** `npm start` on a machine where a backing service is down: it names it, says how to start it, exits 1. */
it('npm start names each unreachable backing service, its address and how to start it, and exits non-zero', async () => {
  // Free ports, so neither a running stack nor another test's sockets can get in the way.
  const names = ['gateway', 'auth', 'tasks', 'notifications', 'smtp', 'web'] as const;
  const ports = Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await freePort()])),
  ) as StackPorts;
  const result = spawnSync(process.execPath, ['scripts/start.mjs', '--no-install', '--no-build'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...startEnv(ports),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
      REDIS_URL: 'redis://127.0.0.1:1',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:2',
    },
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status).toBe(1);
  expect(output).toMatch(/Redis is not reachable at 127\.0\.0\.1:1/);
  expect(output).toMatch(/redis-server --daemonize yes/);
  expect(output).toMatch(/RabbitMQ is not reachable at 127\.0\.0\.1:2/);
  expect(output).toMatch(/rabbitmq-server -detached/);
  // PostgreSQL is up, so it is not reported.
  expect(output).not.toMatch(/PostgreSQL is not reachable/);
  // Nothing was started.
  expect(output).not.toMatch(/Starting the services/);
});

/** Pids of every process below `root`, from one `ps` listing. */
function processTree(root: number): number[] {
  const table = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const below = (parent: number): number[] =>
    table.filter(([, ppid]) => ppid === parent).flatMap(([pid]) => [pid, ...below(pid)]);
  return below(root);
}

/** "pid state command" of those of `pids` that still run; a zombie has exited and only waits to be reaped. */
function stillRunning(pids: number[]): string[] {
  if (!pids.length) return [];
  return spawnSync('ps', ['-o', 'pid=,stat=,args=', '-p', pids.join(',')], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^\d+\s+Z/.test(line));
}

/**
 * `npm start` stopped with one SIGTERM (as Playwright's webServer and the bench stop it): it stops what it
 * started and exits promptly, and nothing it started (services, mail catcher, nginx, build helpers) is left.
 */
it('npm start exits within seconds of SIGTERM and leaves none of its processes running', async () => {
  const runId = testRunId();
  // Outside the ephemeral range (32768+), where an outgoing connection could already hold a port.
  const ports: StackPorts = {
    gateway: 26080,
    auth: 26001,
    tasks: 26002,
    notifications: 26003,
    smtp: 26025,
    web: 26081,
  };
  const databases = [
    `${TEST_PG_URL}/taskflow_test_start_${runId}_auth`,
    `${TEST_PG_URL}/taskflow_test_start_${runId}_tasks`,
  ];
  const keyDir = mkdtempSync(join(tmpdir(), 'tf-start-'));
  const output: string[] = [];
  const start = spawn(process.execPath, ['scripts/start.mjs', '--no-install'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...startEnv(ports),
      AUTH_DATABASE_URL: databases[0],
      TASKS_DATABASE_URL: databases[1],
      REDIS_KEY_PREFIX: `taskflow-test-start-${runId}:`,
      EVENTS_EXCHANGE: `taskflow.test.start.${runId}`,
      QUEUE_PREFIX: `taskflow-test-start-${runId}`,
      QUEUE_EXPIRES_MS: '60000',
      AUTH_KEY_FILE: join(keyDir, 'key.pem'),
      LOG_LEVEL: 'warn',
    },
  });
  start.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  start.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
  let tree: number[] = [];
  try {
    await waitFor(
      async () => {
        if (start.exitCode !== null) throw new Error(`start.mjs exited: ${output.join('').slice(-2000)}`);
        return (await fetch(`http://127.0.0.1:${ports.gateway}/api/auth/.well-known/jwks.json`)).ok;
      },
      { timeoutMs: 150_000, intervalMs: 300, what: 'the stack behind nginx' },
    );
    tree = processTree(start.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(5); // mail catcher, three services, nginx (and its workers)
    // Only what it supervises: esbuild's service process ends once the bundles are written (left idle as a
    // child, it would outlive start.mjs by a moment and read as a stray to whoever waits for the stack to end).
    expect(stillRunning(tree).filter((line) => /esbuild/.test(line))).toEqual([]);

    const stopping = Date.now();
    start.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(15_000);
    expect(output.join('')).not.toMatch(/did not stop within/);
    expect(stillRunning(tree)).toEqual([]);
  } finally {
    // After a failure: whatever is left of this stack goes, so that it cannot hold the ports or the databases.
    for (const pid of [start.pid!, ...tree]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await Promise.all(databases.map((url) => dropDatabase(url).catch(() => undefined)));
    await deleteRedisKeys(`taskflow-test-start-${runId}:`);
    await deleteTopology(`taskflow.test.start.${runId}`, []);
    rmSync(keyDir, { recursive: true, force: true });
    rmSync(join(repoRoot, '.data', `nginx-${ports.gateway}`), { recursive: true, force: true });
    rmSync(join(repoRoot, '.data', `start-${ports.gateway}.pid`), { force: true });
  }
}, 240_000);
