import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
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

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export type ServiceName = 'auth' | 'tasks' | 'notifications';

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The three services as real processes (`node --import tsx services/<name>/src/main.ts`), exactly as
 * `npm start` runs them, on free ports with this run's own databases, exchange, queues and keys.
 * Each can be stopped and started again to play an outage.
 */
export async function startStack() {
  const runId = testRunId();
  const ports = { auth: await freePort(), tasks: await freePort(), notifications: await freePort() };
  const databases = {
    auth: `${TEST_PG_URL}/taskflow_test_sys_${runId}_auth`,
    tasks: `${TEST_PG_URL}/taskflow_test_sys_${runId}_tasks`,
  };
  const keyPrefix = `taskflow-test-${runId}:`;
  const exchange = `taskflow.test.${runId}`;
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.SYSTEM_LOG_LEVEL ?? 'warn',
    AMQP_URL: TEST_AMQP_URL,
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
    auth: { ...common, PORT: String(ports.auth), DATABASE_URL: databases.auth },
    tasks: { ...common, PORT: String(ports.tasks), DATABASE_URL: databases.tasks },
    notifications: { ...common, PORT: String(ports.notifications) },
  };
  const processes = new Map<ServiceName, ChildProcess>();
  const output = new Map<ServiceName, string[]>();

  const stack = {
    /** The environment each service process gets (tests start an in-process twin from it). */
    envOf,
    urls: {
      auth: `http://127.0.0.1:${ports.auth}`,
      tasks: `http://127.0.0.1:${ports.tasks}`,
      notifications: `http://127.0.0.1:${ports.notifications}`,
    },

    async start(name: ServiceName): Promise<void> {
      const lines: string[] = output.get(name) ?? [];
      output.set(name, lines);
      const child = spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...envOf[name] },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      processes.set(name, child);
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`${name} exited: ${lines.join('').slice(-2000)}`);
          return (await fetch(`${stack.urls[name]}/readyz`)).ok;
        },
        { timeoutMs: 30_000, intervalMs: 100, what: `${name} ready` },
      );
    },

    /** SIGTERM, as an orchestrator stops a service; resolves when the process has exited. */
    async stop(name: ServiceName): Promise<number | null> {
      const child = processes.get(name);
      if (!child || child.exitCode !== null) return child?.exitCode ?? null;
      processes.delete(name);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },

    logs: (name: ServiceName) => (output.get(name) ?? []).join(''),

    async close(): Promise<void> {
      await Promise.all([...processes.keys()].map((name) => stack.stop(name)));
      await Promise.all(Object.values(databases).map((url) => dropDatabase(url).catch(() => undefined)));
      await deleteRedisKeys(keyPrefix);
      // Queues expire on their own (QUEUE_EXPIRES_MS); the exchange does not.
      await deleteTopology(exchange, []);
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
