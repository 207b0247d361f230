import { mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@taskflow/service-kit/config';
import { createPool } from '@taskflow/service-kit/db';
import { createLogger } from '@taskflow/service-kit/logger';
import {
  collectEvents,
  createTestDatabase,
  deleteRedisKeys,
  deleteTopology,
  TEST_AMQP_URL,
  TEST_REDIS_URL,
  testRunId,
} from '@taskflow/service-kit/testing';
import { authEnv } from '../src/config';
import { loadOrCreateSigningKey } from '../src/keys/signing-key.store';
import { startAuthService } from '../src/service';

/**
 * The real auth service, started through startAuthService as main.ts does, on port 0 with its own
 * database, exchange, key and Redis prefix. Every test here comes from one address, so the
 * per-address limit is raised unless `env` sets it (the rate-limit tests use the real defaults).
 */
export async function startAuthApp(opts: { rotationGraceMs?: number; env?: Record<string, string> } = {}) {
  const runId = testRunId();
  const database = await createTestDatabase(`taskflow_test_auth_${runId}`);
  const redisPrefix = `taskflow-test-auth-${runId}:`;
  const rawEnv: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: database.url,
    AMQP_URL: TEST_AMQP_URL,
    EVENTS_EXCHANGE: `taskflow.test.${runId}`,
    OUTBOX_POLL_MS: '200',
    AUTH_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'tf-auth-')), 'key.pem'),
    HASH_CONCURRENCY: '2',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    RATE_LIMIT_IP_PER_MIN: '10000',
    ...opts.env,
  };
  const config = parseConfig(authEnv, rawEnv);
  const events = await collectEvents(config.EVENTS_EXCHANGE);
  const start = (env: Record<string, string> = {}) =>
    startAuthService(parseConfig(authEnv, { ...rawEnv, ...env }), {
      logger: createLogger('auth', 'silent'),
      rotationGraceMs: opts.rotationGraceMs,
    });
  const service = await start();
  const instances: Awaited<ReturnType<typeof start>>[] = [];
  // The key the service generated on its first start, read back from the file it wrote.
  const signingKey = loadOrCreateSigningKey(config.AUTH_KEY_FILE);
  // The tests' own connection, to look at what the service stored.
  const pool = createPool(database.url, 2);

  return {
    app: service.app,
    baseUrl: service.url,
    events,
    signingKey,
    pool,
    config,
    /**
     * One more instance of the same service (same database, Redis prefix and, unless `env` says
     * otherwise, key); stopped by close().
     */
    async startInstance(env: Record<string, string> = {}) {
      const instance = await start(env);
      instances.push(instance);
      return { baseUrl: instance.url };
    },
    async close() {
      await Promise.all(instances.map((instance) => instance.stop()));
      await service.stop();
      await events.close();
      await pool.end();
      await database.drop();
      await deleteTopology(config.EVENTS_EXCHANGE, []);
      await deleteRedisKeys(redisPrefix);
    },
  };
}

export type AuthTestApp = Awaited<ReturnType<typeof startAuthApp>>;

/** fetch with JSON in and out; returns status, parsed body, headers. */
export async function call(
  app: Pick<AuthTestApp, 'baseUrl'>,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; cookie?: string; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body: any = text ? JSON.parse(text) : undefined;
  return { status: res.status, body, headers: res.headers };
}

/** The `tf_refresh=…` pair from a Set-Cookie header, ready to send back. */
export const refreshCookieOf = (headers: Headers) => {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('tf_refresh='));
  return cookie?.split(';')[0];
};

export const uniqueEmail = (name = 'user') => `${name}-${randomUUID().slice(0, 8)}@Example.test`;
