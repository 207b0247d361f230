import { mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Broker } from '@taskflow/service-kit/broker';
import { createDb, createPool, runMigrations } from '@taskflow/service-kit/db';
import { createLogger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { OutboxRelay } from '@taskflow/service-kit/outbox';
import {
  collectEvents,
  createTestDatabase,
  deleteTopology,
  TEST_AMQP_URL,
  testRunId,
} from '@taskflow/service-kit/testing';
import { createApp } from '../src/app';
import * as schema from '../src/data/schema';
import { createPasswordHasher } from '../src/domain/password-hasher';
import { loadOrCreateSigningKey } from '../src/domain/signing-key';

/** The real auth app on port 0 with its own database and exchange. */
export async function startAuthApp(opts: { rotationGraceMs?: number } = {}) {
  const runId = testRunId();
  const database = await createTestDatabase(`taskflow_test_auth_${runId}`);
  const pool = createPool(database.url, 5);
  await runMigrations(pool, fileURLToPath(new URL('../drizzle', import.meta.url)));
  const logger = createLogger('auth', 'silent');
  const exchange = `taskflow.test.${runId}`;
  const broker = new Broker({ url: TEST_AMQP_URL, exchange, logger });
  await broker.start();
  const events = await collectEvents(exchange);
  const relay = new OutboxRelay({ pool, broker, logger, pollMs: 200 });
  relay.start();
  const signingKey = loadOrCreateSigningKey(join(mkdtempSync(join(tmpdir(), 'tf-auth-')), 'key.pem'));
  const app = createApp({
    db: createDb(pool, schema),
    relay,
    logger,
    metrics: createMetrics('auth'),
    hasher: createPasswordHasher({ concurrency: 2 }),
    signingKey,
    issuer: 'taskflow-auth',
    audience: 'taskflow',
    accessTtlSeconds: 900,
    refreshTtlDays: 30,
    rotationGraceMs: opts.rotationGraceMs,
    secureCookies: false,
    checks: { postgres: () => pool.query('SELECT 1') },
  });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    app,
    baseUrl,
    events,
    signingKey,
    pool,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await relay.stop();
      await events.close();
      await broker.close();
      await pool.end();
      await database.drop();
      await deleteTopology(exchange, []);
    },
  };
}

export type AuthTestApp = Awaited<ReturnType<typeof startAuthApp>>;

/** fetch with JSON in and out; returns status, parsed body, headers. */
export async function call(
  app: AuthTestApp,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; cookie?: string; raw?: string } = {},
) {
  const headers: Record<string, string> = {};
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
