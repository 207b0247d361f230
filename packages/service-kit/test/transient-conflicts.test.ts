import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, createPool } from '../src/db';
import { createHttpApp, createRouter, finishHttpApp } from '../src/http';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import { createHttpServer } from '../src/service';
import { createTestDatabase, testRunId } from '../src/testing';

// Real PostgreSQL refusals a request can meet when it races another one: the database rolls one
// transaction back to let the other finish. The caller gets a 503 it can retry, never a bare 500.

let database: { url: string; drop: () => Promise<void> };
let pool: ReturnType<typeof createPool>;
let db: ReturnType<typeof createDb>;
let url: string;
let server: ReturnType<typeof createHttpServer>;
let failure: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase(`kit_conflicts_${testRunId()}`);
  pool = createPool(database.url, 4);
  db = createDb(pool, {});
  await pool.query('CREATE TABLE pair (id int PRIMARY KEY, v int NOT NULL); INSERT INTO pair VALUES (1, 0), (2, 0)');
  const logger = createLogger('t', 'silent');
  const app = createHttpApp({ logger, metrics: createMetrics('t'), checks: {} });
  const router = createRouter();
  router.post('/api/race', async (_req, res, next) => {
    try {
      await failure();
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  });
  app.use(router);
  finishHttpApp(app, logger);
  server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await pool?.end();
  await database?.drop();
});

/** Two drizzle transactions that each lock one row, then want the other's: PostgreSQL kills one of them. */
async function deadlock(): Promise<unknown> {
  let bothHoldOne: () => void;
  const held = new Promise<void>((resolve) => (bothHoldOne = resolve));
  let holding = 0;
  const crossing = (first: number, second: number) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL deadlock_timeout = '20ms'`);
      await tx.execute(sql`UPDATE pair SET v = v + 1 WHERE id = ${first}`);
      if (++holding === 2) bothHoldOne();
      await held;
      await tx.execute(sql`UPDATE pair SET v = v + 1 WHERE id = ${second}`);
    });
  const outcomes = await Promise.allSettled([crossing(1, 2), crossing(2, 1)]);
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(refused).toHaveLength(1);
  return refused[0]!.reason;
}

/** Two serialisable transactions that each read what the other writes: one cannot be ordered and fails. */
async function serialisationFailure(): Promise<unknown> {
  const [a, b] = [await pool.connect(), await pool.connect()];
  try {
    for (const c of [a, b]) await c.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    await a.query('SELECT sum(v) FROM pair');
    await b.query('SELECT sum(v) FROM pair');
    await a.query('UPDATE pair SET v = v + 1 WHERE id = 1');
    await b.query('UPDATE pair SET v = v + 1 WHERE id = 2');
    await a.query('COMMIT');
    return await b.query('COMMIT').then(
      () => expect.unreachable('the second commit should fail'),
      (err: unknown) => err,
    );
  } finally {
    a.release();
    b.release();
  }
}

it.each([
  ['a deadlock', deadlock, '40P01'],
  ['a serialisation failure', serialisationFailure, '40001'],
])('answers %s with 503 and Retry-After, as problem+json without the SQL', async (_name, provoke, sqlState) => {
  const error = await provoke();
  const codes: unknown[] = [];
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause)
    codes.push((e as { code?: unknown }).code);
  expect(codes).toContain(sqlState);
  failure = () => Promise.reject(error);

  const res = await fetch(`${url}/api/race`, { method: 'POST' });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('1');
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await res.text();
  expect(JSON.parse(body)).toMatchObject({ status: 503, code: 'service_unavailable' });
  expect(body).not.toMatch(/pair|UPDATE|deadlock/i);
});
