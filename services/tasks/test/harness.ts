import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfirmChannel } from 'amqplib';
import type { Express } from 'express';
import type pg from 'pg';
import { parseEvent, type AnyEvent } from '@taskflow/contracts/events';
import { Broker } from '@taskflow/service-kit/broker';
import { parseConfig } from '@taskflow/service-kit/config';
import { createPool } from '@taskflow/service-kit/db';
import { createLogger } from '@taskflow/service-kit/logger';
import type { RunningService } from '@taskflow/service-kit/service';
import { createTestDatabase, createTestTokens, TEST_AMQP_URL, testRunId, waitFor } from '@taskflow/service-kit/testing';
import { tasksEnv } from '../src/config';
import { startTasksService } from '../src/service';

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
  /** Which running instance answers (0, the first, by default). */
  instance?: number;
}

export interface Harness {
  /** The Express app itself (of the first instance), for tests that inspect its routes. */
  readonly app: Express;
  readonly baseUrl: string;
  /** Every running instance's address (for what each keeps to itself, such as its metrics). */
  readonly urls: string[];
  /** The tests' own connection to this run's exchange: publishes what auth would. */
  broker: Broker;
  /** For assertions on what the API does not show (e.g. which events were handled). */
  pool: pg.Pool;
  tokens: ReturnType<typeof createTestTokens>;
  /** Every event published on this run's exchange, in arrival order. */
  events: AnyEvent[];
  request<T = Record<string, unknown>>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  waitForEvent(match: (e: AnyEvent) => boolean, what?: string): Promise<AnyEvent>;
  /** Stops every instance (an outage of the whole service); the database and the broker stay. */
  stopInstances(): Promise<void>;
  /** Starts the instances again on the same database and queue, as a deployment coming back. */
  startInstances(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * How many instances of the service to start on the one database and queue, as a scaled
   * deployment runs them (each with its own reminder scheduler). Requests go to the first.
   */
  instances?: number;
  /** The service's clock (every instance's); tests move it across days and DST changes. */
  now?: () => Date;
  /** The reminder and digest schedulers' tick; short by default, so tests that make rows due by hand see them claimed at once. */
  reminderTickMs?: number;
}

/**
 * The tasks service started through startTasksService, as main.ts starts it, on its own database,
 * exchange and queue, with a throw-away queue bound to `#` that collects every published event.
 */
export async function startHarness({
  instances = 1,
  now,
  reminderTickMs = 100,
}: HarnessOptions = {}): Promise<Harness> {
  const runId = testRunId();
  const database = await createTestDatabase(`taskflow_test_tasks_${runId}`);
  const tokens = createTestTokens();
  const secretDir = mkdtempSync(join(tmpdir(), 'tf-tasks-'));
  const config = parseConfig(tasksEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATABASE_URL: database.url,
    AMQP_URL: TEST_AMQP_URL,
    EVENTS_EXCHANGE: `taskflow.test.${runId}`,
    QUEUE_PREFIX: `taskflow-test-${runId}`,
    REDIS_KEY_PREFIX: `taskflow-test-${runId}:`,
    QUEUE_EXPIRES_MS: '60000',
    OUTBOX_POLL_MS: '200',
    REMINDER_TICK_MS: String(reminderTickMs),
    CALENDAR_SECRET_FILE: join(secretDir, 'calendar-secret'),
    JWT_ISSUER: tokens.issuer,
    JWT_AUDIENCE: tokens.audience,
  });
  const logger = createLogger('tasks', 'silent');

  // Bound before the service starts, so not even its first event is missed.
  const broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, logger });
  await broker.start();
  const events: AnyEvent[] = [];
  let collector: ConfirmChannel | undefined;
  await broker.addSetup(async (ch) => {
    collector = ch;
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
    await ch.bindQueue(queue, config.EVENTS_EXCHANGE, '#');
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      events.push(parseEvent(JSON.parse(msg.content.toString('utf8'))));
      ch.ack(msg);
    });
  });

  let services: RunningService[] = [];
  const startInstances = async () => {
    for (let i = 0; i < instances; i++) {
      services.push(await startTasksService(config, { logger, resolveKey: tokens.resolveKey, now }));
    }
  };
  const stopInstances = async () => {
    for (const running of services) await running.stop();
    services = [];
  };
  await startInstances();
  const first = () => {
    if (!services[0]) throw new Error('the service is stopped');
    return services[0];
  };
  // The tests' own connection, to look at what the service stored.
  const pool = createPool(database.url, 2);

  return {
    get app() {
      return first().app;
    },
    get baseUrl() {
      return first().url;
    },
    get urls() {
      return services.map((s) => s.url);
    },
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
      const target = opts.instance ? services[opts.instance] : first();
      if (!target) throw new Error(`no instance ${opts.instance} is running`);
      const res = await fetch(`${target.url}${path}`, { method, headers, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
    },
    waitForEvent(match, what = 'event') {
      return waitFor(() => events.find(match), { timeoutMs: 5000, what });
    },
    stopInstances,
    startInstances,
    async close() {
      await stopInstances();
      // The consumer's queues expire on their own (QUEUE_EXPIRES_MS); the exchange does not.
      await collector?.deleteExchange(config.EVENTS_EXCHANGE).catch(() => undefined);
      await broker.close();
      await pool.end();
      await database.drop();
      rmSync(secretDir, { recursive: true, force: true });
    },
  };
}
