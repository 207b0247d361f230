import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { ConfirmChannel } from 'amqplib';
import type { Express } from 'express';
import type pg from 'pg';
import { parseEvent, type AnyEvent } from '@taskflow/contracts/events';
import { createTokenVerifier } from '@taskflow/service-kit/auth';
import { Broker } from '@taskflow/service-kit/broker';
import type { Consumer } from '@taskflow/service-kit/consumer';
import { createDb, createPool, runMigrations } from '@taskflow/service-kit/db';
import { createLogger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { OutboxRelay } from '@taskflow/service-kit/outbox';
import { createTestDatabase, createTestTokens, TEST_AMQP_URL, testRunId, waitFor } from '@taskflow/service-kit/testing';
import { createApp } from '../src/app';
import { createWithTransaction, schema } from '../src/data/database';
import { createUsersService } from '../src/domain/user.service';
import { createRemindersService } from '../src/domain/reminder.service';
import { startReminderScheduler } from '../src/jobs/reminder.scheduler';
import { startUserEventsConsumer } from '../src/messaging/user-events.consumer';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed-JSON cases. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Harness {
  /** The Express app itself, for tests that inspect its routes. */
  app: Express;
  baseUrl: string;
  broker: Broker;
  /** For assertions on what the API does not show (e.g. which events were handled). */
  pool: pg.Pool;
  tokens: ReturnType<typeof createTestTokens>;
  /** Every event published on this run's exchange, in arrival order. */
  events: AnyEvent[];
  request<T = Record<string, unknown>>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  waitForEvent(match: (e: AnyEvent) => boolean, what?: string): Promise<AnyEvent>;
  close(): Promise<void>;
}

/**
 * The tasks service in-process, as main.ts builds it, on its own database, exchange and queue,
 * with a throw-away queue bound to `#` that collects every published event.
 */
export async function startHarness(): Promise<Harness> {
  const runId = testRunId();
  const exchange = `taskflow.test.${runId}`;
  const database = await createTestDatabase(`taskflow_test_tasks_${runId}`);
  const logger = createLogger('tasks', 'silent');
  const pool = createPool(database.url, 10);
  await runMigrations(pool, fileURLToPath(new URL('../drizzle', import.meta.url)));
  const db = createDb(pool, schema);

  const broker = new Broker({ url: TEST_AMQP_URL, exchange, logger });
  await broker.start();
  const events: AnyEvent[] = [];
  let collector: ConfirmChannel | undefined;
  await broker.addSetup(async (ch) => {
    collector = ch;
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
    await ch.bindQueue(queue, exchange, '#');
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      events.push(parseEvent(JSON.parse(msg.content.toString('utf8'))));
      ch.ack(msg);
    });
  });

  const relay = new OutboxRelay({ pool, broker, logger, pollMs: 200 });
  relay.start();
  const withTransaction = createWithTransaction(db, () => relay.kick());
  const consumer: Consumer = await startUserEventsConsumer({
    broker,
    logger,
    queue: `taskflow-test-${runId}.tasks`,
    users: createUsersService({ withTransaction }),
    queueExpiresMs: 60_000,
  });

  // Two schedulers, as two instances would run, to show each reminder still fires once.
  const reminders = createRemindersService({ withTransaction });
  const schedulers = [1, 2].map(() =>
    startReminderScheduler({ dispatch: () => reminders.dispatchDueReminders(), logger, tickMs: 100 }),
  );

  const tokens = createTestTokens();
  const app = createApp({
    db,
    withTransaction,
    verifier: createTokenVerifier({ resolveKey: tokens.resolveKey, issuer: tokens.issuer, audience: tokens.audience }),
    logger,
    metrics: createMetrics('tasks'),
    checks: { database: () => db.execute(sql`SELECT 1`), broker: () => broker.ping() },
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    app,
    baseUrl,
    broker,
    pool,
    tokens,
    events,
    async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
    },
    waitForEvent(match, what = 'event') {
      return waitFor(() => events.find(match), { timeoutMs: 5000, what });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await consumer.stop();
      await Promise.all(schedulers.map((s) => s.stop()));
      await relay.stop();
      await collector?.deleteExchange(exchange).catch(() => undefined);
      await broker.close();
      await pool.end();
      await database.drop();
    },
  };
}
