import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@taskflow/service-kit/db';
import {
  deleteRedisKeys,
  deleteTopology,
  TEST_AMQP_URL,
  TEST_PG_URL,
  TEST_REDIS_URL,
  testRunId,
  waitFor,
} from '@taskflow/service-kit/testing';
import { freePort, startGateway } from './gateway';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export type ServiceName = 'auth' | 'tasks' | 'notifications';

export { freePort };

export interface StackOptions {
  /** The broker every service uses; the machine's shared RabbitMQ unless a test brings its own. */
  amqpUrl?: string;
  /** More environment per service, over the defaults below (say, shorter timers). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /**
   * Put the real gateway (nginx, the same configuration as `npm start`) in front, balancing `instances`
   * instances of each service: `urls` then all name the gateway, and `startAll` starts every instance
   * and nginx. Without it, `urls` name instance 0 of each service directly.
   */
  gateway?: { instances: number };
}

/** Two instances of each service behind nginx: how the suites run the stack unless a test needs it bare. */
export const SCALED = { gateway: { instances: 2 } } as const;

/**
 * The three services as real processes (`node --import tsx services/<name>/src/main.ts`), exactly as
 * `npm start` runs them, on free ports with this run's own databases, exchange, queues and keys.
 * Each can be stopped (or killed) and started again to play an outage, and a service can run as
 * several instances side by side (`instance` 1, 2, …: the same environment on ports of their own).
 */
export async function startStack(options: StackOptions = {}) {
  const runId = testRunId();
  const ports = { auth: await freePort(), tasks: await freePort(), notifications: await freePort() };
  const databases = {
    auth: `${TEST_PG_URL}/taskflow_test_sys_${runId}_auth`,
    tasks: `${TEST_PG_URL}/taskflow_test_sys_${runId}_tasks`,
  };
  const keyPrefix = `taskflow-test-${runId}:`;
  const exchange = `taskflow.test.${runId}`;
  const amqpUrl = options.amqpUrl ?? TEST_AMQP_URL;
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.SYSTEM_LOG_LEVEL ?? 'warn',
    AMQP_URL: amqpUrl,
    EVENTS_EXCHANGE: exchange,
    QUEUE_PREFIX: `taskflow-test-${runId}`,
    QUEUE_EXPIRES_MS: '120000',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: keyPrefix,
    AUTH_JWKS_URL: `http://127.0.0.1:${ports.auth}/api/auth/.well-known/jwks.json`,
    AUTH_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'tf-sys-')), 'key.pem'),
    OUTBOX_POLL_MS: '200',
  };
  const envOf: Record<ServiceName, Record<string, string>> = {
    auth: { ...common, PORT: String(ports.auth), DATABASE_URL: databases.auth, ...options.env?.auth },
    tasks: { ...common, PORT: String(ports.tasks), DATABASE_URL: databases.tasks, ...options.env?.tasks },
    notifications: {
      ...common,
      PORT: String(ports.notifications),
      // A port nobody listens on, unless the test brings its own SMTP server: mail from a test stack
      // never lands in a developer's mail catcher on the default port.
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      ...options.env?.notifications,
    },
  };
  const gatewayPort = options.gateway ? await freePort() : undefined;
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  const processes = new Map<string, ChildProcess>();
  const output = new Map<ServiceName, string[]>();
  /** Ports of the extra instances, kept across restarts so a restarted instance is where it was. */
  const instancePorts = new Map<string, number>();
  const keyOf = (name: ServiceName, instance: number) => `${name}#${instance}`;

  /** Sends `signal` to an instance; resolves with its exit code (null when a signal ended it). */
  const signal = async (name: ServiceName, instance: number, sig: NodeJS.Signals): Promise<number | null> => {
    const child = processes.get(keyOf(name, instance));
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    processes.delete(keyOf(name, instance));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(sig);
    return exited;
  };

  const stack = {
    /** The environment each service process gets (tests start an in-process twin from it). */
    envOf,
    /** The broker, exchange and Redis key prefix of this run, for tests that look underneath. */
    amqpUrl,
    exchange,
    keyPrefix,
    /** Where a test sends a service's requests: the gateway when there is one, else instance 0. */
    urls: {
      auth: `http://127.0.0.1:${gatewayPort ?? ports.auth}`,
      tasks: `http://127.0.0.1:${gatewayPort ?? ports.tasks}`,
      notifications: `http://127.0.0.1:${gatewayPort ?? ports.notifications}`,
    },

    /** The address of one instance itself, never the gateway (others than 0 exist once started). */
    url(name: ServiceName, instance = 0): string {
      if (instance === 0) return `http://127.0.0.1:${ports[name]}`;
      const port = instancePorts.get(keyOf(name, instance));
      if (port === undefined) throw new Error(`${name} instance ${instance} was never started`);
      return `http://127.0.0.1:${port}`;
    },

    async start(name: ServiceName, instance = 0): Promise<void> {
      const lines: string[] = output.get(name) ?? [];
      output.set(name, lines);
      let port = instance === 0 ? ports[name] : instancePorts.get(keyOf(name, instance));
      if (port === undefined) {
        port = await freePort();
        instancePorts.set(keyOf(name, instance), port);
      }
      const child = spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...envOf[name], PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      processes.set(keyOf(name, instance), child);
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`${name} exited: ${lines.join('').slice(-2000)}`);
          return (await fetch(`${stack.url(name, instance)}/readyz`)).ok;
        },
        { timeoutMs: 30_000, intervalMs: 100, what: `${name} ready` },
      );
    },

    /** The address of each instance `startAll` starts, never the gateway. */
    instanceUrls: (name: ServiceName): string[] =>
      Array.from({ length: options.gateway?.instances ?? 1 }, (_, k) => stack.url(name, k)),

    /** Every instance of every service, then the gateway in front of them when the stack has one. */
    async startAll(): Promise<void> {
      const instances = options.gateway?.instances ?? 1;
      const names: ServiceName[] = ['auth', 'tasks', 'notifications'];
      // The first instance of each first: it creates what instances share (migrations, the signing key file).
      await Promise.all(names.map((name) => stack.start(name, 0)));
      await Promise.all(
        names.flatMap((name) => Array.from({ length: instances - 1 }, (_, k) => stack.start(name, k + 1))),
      );
      if (!gatewayPort) return;
      const portsOf = (name: ServiceName) => stack.instanceUrls(name).map((url) => Number(new URL(url).port));
      gateway = await startGateway(
        { auth: portsOf('auth'), tasks: portsOf('tasks'), notifications: portsOf('notifications') },
        gatewayPort,
      );
    },

    /** SIGTERM, as an orchestrator stops a service; resolves when the process has exited. */
    stop: (name: ServiceName, instance = 0): Promise<number | null> => signal(name, instance, 'SIGTERM'),

    /** SIGKILL: the process dies on the spot, mid-whatever, as in a crash or an OOM kill. */
    kill: (name: ServiceName, instance = 0): Promise<number | null> => signal(name, instance, 'SIGKILL'),

    logs: (name: ServiceName) => (output.get(name) ?? []).join(''),

    async close(): Promise<void> {
      await gateway?.close();
      await Promise.all(
        [...processes.keys()].map((key) => {
          const [name, instance] = key.split('#') as [ServiceName, string];
          return stack.stop(name, Number(instance));
        }),
      );
      await Promise.all(Object.values(databases).map((url) => dropDatabase(url).catch(() => undefined)));
      await deleteRedisKeys(keyPrefix);
      // Queues expire on their own (QUEUE_EXPIRES_MS); the exchange does not.
      await deleteTopology(exchange, [], amqpUrl);
    },
  };
  return stack;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** JSON over HTTP with an optional bearer token; returns status and parsed body. */
export async function api(url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}

/** Registers a person through auth, at an address of their own; answers their id, address and token. */
export async function registerUser(stack: Pick<Stack, 'urls'>, name: string) {
  const res = await api(`${stack.urls.auth}/api/auth/register`, {
    method: 'POST',
    body: { email: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`, password: 'correct horse', name },
  });
  if (res.status !== 201) throw new Error(`registering ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.user.id as string,
    email: res.body.user.email as string,
    token: res.body.accessToken as string,
  };
}
