import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import amqp, { type ChannelModel } from 'amqplib';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import type { AnyEvent } from '@taskflow/contracts/events';
import { Broker, socketOf } from '../src/broker';
import { replayDeadLetters, startConsumer } from '../src/consumer';
import { createDb, createPool, dropDatabase, ensureDatabase } from '../src/db';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import {
  buildEvent,
  createWithStatement,
  createWithTransaction,
  outbox,
  outboxInsertFromJson,
  OutboxRelay,
} from '../src/outbox';
import {
  collectEvents,
  createTestDatabase,
  deleteTopology,
  TEST_AMQP_URL,
  TEST_PG_URL,
  testRunId,
  waitFor,
} from '../src/testing';

const logger = createLogger('kit-test', 'silent');
const runId = testRunId();
const exchange = `taskflow.test.${runId}`;
const counters = pgTable('counters', { id: uuid('id').primaryKey(), value: integer('value').notNull() });

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: ReturnType<typeof createPool>;
let broker: Broker;
const queuesToDelete: string[] = [];

const userEvent = (name = 'Ada') =>
  buildEvent(
    'auth',
    'user.registered',
    { userId: randomUUID(), email: `${randomUUID()}@x.test`, name, timezone: 'UTC' },
    null,
  );

beforeAll(async () => {
  database = await createTestDatabase(`taskflow_test_kit_${runId}`);
  pool = createPool(database.url, 4);
  await pool.query(`CREATE TABLE outbox (id uuid PRIMARY KEY, type text NOT NULL, payload json NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
                                        seq bigint GENERATED ALWAYS AS IDENTITY);
                    CREATE TABLE counters (id uuid PRIMARY KEY, value int NOT NULL)`);
  broker = new Broker({ url: TEST_AMQP_URL, exchange, logger, minDelayMs: 50, maxDelayMs: 200 });
  await broker.start();
});

afterAll(async () => {
  await broker?.close();
  await pool?.end();
  await database?.drop();
  await deleteTopology(exchange, queuesToDelete).catch(() => undefined);
});

describe('outbox relay', () => {
  it('publishes an event written in a committed transaction, and nothing from a rolled-back one', async () => {
    const events = await collectEvents(exchange);
    const relay = new OutboxRelay({ pool, broker, logger, pollMs: 60_000 });
    relay.start();
    const withTransaction = createWithTransaction(
      (fn) => createDb(pool, { outbox, counters }).transaction(fn),
      relay,
      'auth',
    );
    const committedId = randomUUID();
    await withTransaction(async ({ db: tx, emit }) => {
      await tx.insert(counters).values({ id: committedId, value: 1 });
      emit('user.registered', { userId: committedId, email: 'a@x.test', name: 'Committed', timezone: 'UTC' }, null);
    });
    const rolledBackId = randomUUID();
    await expect(
      withTransaction(async ({ emit }) => {
        emit('user.registered', { userId: rolledBackId, email: 'b@x.test', name: 'RolledBack', timezone: 'UTC' }, null);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    // The poll is a minute away: only the publish after commit can have sent it.
    const event = await events.waitFor((e) => e.type === 'user.registered' && e.data.userId === committedId);
    expect(event.producer).toBe('auth');
    // A sentinel committed after the rollback: the relay publishes in commit order, so once it is
    // here anything the rolled-back transaction had left behind would be here too.
    const sentinelId = randomUUID();
    await withTransaction(async ({ emit }) => {
      emit('user.registered', { userId: sentinelId, email: 's@x.test', name: 'Sentinel', timezone: 'UTC' }, null);
    });
    await events.waitFor((e) => e.type === 'user.registered' && e.data.userId === sentinelId);
    expect(events.events.some((e) => e.type === 'user.registered' && e.data.userId === rolledBackId)).toBe(false);
    await relay.stop(); // deletes the rows of what it published
    expect((await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);
    await events.close();
  });

  it('publishes what a transaction emitted from memory once it commits, without a pass over the outbox, then deletes its rows', async () => {
    const events = await collectEvents(exchange);
    // Never started: no poll, no pass of its own. Only publishCommitted can send anything.
    const relay = new OutboxRelay({ pool, broker, logger, pollMs: 60_000 });
    let kicks = 0;
    const withTransaction = createWithTransaction(
      (fn) => createDb(pool, { outbox, counters }).transaction(fn),
      { kick: () => kicks++, publishCommitted: (emitted) => relay.publishCommitted(emitted) },
      'auth',
    );
    const ids: string[] = [];
    await withTransaction(async ({ emit }) => {
      for (const name of ['First', 'Second']) {
        const userId = randomUUID();
        ids.push(userId);
        emit('user.registered', { userId, email: `${userId}@x.test`, name, timezone: 'UTC' }, null);
      }
    });
    await events.waitFor((e) => e.type === 'user.registered' && e.data.userId === ids[1]);
    // In the transaction's order, and no kick: nothing read the outbox to send them.
    expect(
      events.events.flatMap((e) => (e.type === 'user.registered' && ids.includes(e.data.userId) ? [e.data.name] : [])),
    ).toEqual(['First', 'Second']);
    expect(kicks).toBe(0);
    await waitFor(async () => (await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n === 0, {
      what: 'the published rows deleted',
    });
    await relay.stop();
    await events.close();
  });

  it('runs what afterCommit queued once the transaction has committed, and not when it rolls back', async () => {
    const withTransaction = createWithTransaction(
      (fn) => createDb(pool, { outbox, counters }).transaction(fn),
      { kick: () => undefined },
      'auth',
    );
    const seen: (number | string)[] = [];
    const id = randomUUID();
    await withTransaction(async ({ db: tx, afterCommit }) => {
      await tx.insert(counters).values({ id, value: 7 });
      // Another connection sees the row when it runs: after the commit.
      afterCommit!(() => {
        seen.push('told');
        void pool.query('SELECT value FROM counters WHERE id = $1', [id]).then(({ rows }) => seen.push(rows[0].value));
      });
      expect(seen).toEqual([]);
    });
    await waitFor(() => seen.length === 2, { what: 'the row read after commit' });
    expect(seen).toEqual(['told', 7]);
    await expect(
      withTransaction(async ({ afterCommit }) => {
        afterCommit!(() => seen.push('rolled back'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seen).toEqual(['told', 7]);
  });

  it('runs the writes queued with writeWithEvents in the statement that writes the events to the outbox', async () => {
    const statements: string[] = [];
    const db = drizzle(pool, { schema: { outbox, counters }, logger: { logQuery: (query) => statements.push(query) } });
    const withTransaction = createWithTransaction((fn) => db.transaction(fn), { kick: () => undefined }, 'auth');
    const [first, second] = [randomUUID(), randomUUID()];
    const event = await withTransaction(async ({ db: tx, emit, writeWithEvents }) => {
      writeWithEvents!(tx.insert(counters).values({ id: first, value: 1 }));
      writeWithEvents!(tx.insert(counters).values({ id: second, value: 2 }));
      emit('user.registered', { userId: first, email: 'w@x.test', name: 'Along', timezone: 'UTC' }, null);
      return 'done';
    });
    expect(event).toBe('done');
    // BEGIN, one statement for the three rows, COMMIT.
    expect(statements).toHaveLength(3);
    expect(statements[1]).toMatch(
      /^WITH "w0" AS \(insert into "counters".*\), "w1" AS \(insert into "counters".*\) insert into "outbox"/,
    );
    const counted = await pool.query('SELECT value FROM counters WHERE id = ANY($1) ORDER BY value', [[first, second]]);
    expect(counted.rows).toEqual([{ value: 1 }, { value: 2 }]);
    const rows = await pool.query(
      "SELECT payload->'data'->>'name' AS name FROM outbox WHERE payload->'data'->>'userId' = $1",
      [first],
    );
    expect(rows.rows).toEqual([{ name: 'Along' }]);
    await pool.query('DELETE FROM outbox');
  });

  it('withStatement: one statement writes the change and its outbox rows, published once it has, and none when it wrote nothing', async () => {
    const published: AnyEvent[][] = [];
    let kicks = 0;
    const withStatement = createWithStatement(
      { kick: () => kicks++, publishCommitted: (events) => published.push(events) },
      'auth',
    );
    const id = randomUUID();
    await pool.query('INSERT INTO counters (id, value) VALUES ($1, 1)', [id]);
    // Adds one to the counter if it still holds `expected`; the events only with it.
    const increment = (expected: number, name: string) =>
      withStatement(async ({ emit, outboxJson }) => {
        emit('user.registered', { userId: randomUUID(), email: `${name}@x.test`, name, timezone: 'UTC' }, null);
        const { rows } = await pool.query<{ value: number }>(
          `WITH changed AS (UPDATE counters SET value = value + 1 WHERE id = $1 AND value = $2 RETURNING value),
                events AS (${outboxInsertFromJson('$3', 'changed')})
           SELECT value FROM changed`,
          [id, expected, outboxJson()],
        );
        return rows[0]?.value;
      });

    expect(await increment(1, 'Applied')).toBe(2);
    expect(await increment(1, 'Lost')).toBeUndefined();
    const stored = await pool.query<{ name: string; type: string; same: boolean }>(
      `SELECT payload->'data'->>'name' AS name, type, payload->>'id' = id::text AS same FROM outbox
        WHERE payload->'data'->>'name' IN ('Applied', 'Lost')`,
    );
    expect(stored.rows).toEqual([{ name: 'Applied', type: 'user.registered', same: true }]);
    expect(published.map((events) => events.map((e) => (e.data as { name: string }).name))).toEqual([['Applied']]);
    expect(published[0]![0]!.producer).toBe('auth');
    expect(kicks).toBe(0);
    await pool.query('DELETE FROM outbox');
  });

  it('a crash between commit and publish: the poll of a running instance publishes the row once past the grace period', async () => {
    const events = await collectEvents(exchange);
    const relay = new OutboxRelay({ pool, broker, logger, pollMs: 50, graceMs: 300 });
    relay.start();
    // Its first pass (the one a restart makes) is over: what follows is for the poll alone.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await waitFor(() => (relay as any).running === undefined, { what: 'the first pass' });
    // The process that committed died before it could publish: its listener does nothing.
    const crashed = createWithTransaction(
      (fn) => createDb(pool, { outbox, counters }).transaction(fn),
      { kick: () => undefined, publishCommitted: () => undefined },
      'auth',
    );
    const userId = randomUUID();
    await crashed(async ({ emit }) => {
      emit('user.registered', { userId, email: `${userId}@x.test`, name: 'Orphan', timezone: 'UTC' }, null);
    });
    await events.waitFor((e) => e.type === 'user.registered' && e.data.userId === userId);
    await waitFor(async () => (await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n === 0, {
      what: 'the row deleted',
    });
    await relay.stop();
    await events.close();
  });

  it('keeps the row of an event whose publish after commit failed, and a kick publishes it', async () => {
    const events = await collectEvents(exchange);
    let failed = 0;
    const flaky = Object.create(broker, {
      publish: {
        value: (event: AnyEvent) => {
          if (failed === 0) {
            failed++;
            return Promise.reject(new Error('channel closed'));
          }
          return broker.publish(event);
        },
      },
    }) as Broker;
    const relay = new OutboxRelay({ pool, broker: flaky, logger, pollMs: 60_000 });
    const withTransaction = createWithTransaction(
      (fn) => createDb(pool, { outbox, counters }).transaction(fn),
      relay,
      'auth',
    );
    const userId = randomUUID();
    await withTransaction(async ({ emit }) => {
      emit('user.registered', { userId, email: `${userId}@x.test`, name: 'Retried', timezone: 'UTC' }, null);
    });
    await waitFor(() => failed === 1, { what: 'the failed publish' });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await waitFor(() => (relay as any).publishing.size === 0, { what: 'the failure handled' });
    expect((await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(1);
    relay.kick(); // what the broker's reconnect does
    await events.waitFor((e) => e.type === 'user.registered' && e.data.userId === userId);
    await relay.stop();
    expect((await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);
    await events.close();
  });

  it('publishes a batch in commit order, and keeps the rows of a batch whose publish failed', async () => {
    const events = await collectEvents(exchange);
    let failNext = true;
    // The real broker, with one publish failing as a dropped channel would fail it.
    // A pass publishes each row's stored text (publishJson).
    const flaky = Object.create(broker, {
      publishJson: {
        value: (...args: Parameters<Broker['publishJson']>) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('channel closed'));
          }
          return broker.publishJson(...args);
        },
      },
    }) as Broker;
    const batch = Array.from({ length: 5 }, (_, i) => userEvent(`Ordered${i}`));
    for (const [i, event] of batch.entries()) {
      await pool.query(
        'INSERT INTO outbox (id, type, payload, created_at) VALUES ($1, $2, $3, now() - make_interval(secs => $4))',
        [event.id, event.type, event, 60 - i],
      );
    }
    const relay = new OutboxRelay({ pool, broker: flaky, logger, pollMs: 100 });
    relay.start();
    const ids = new Set(batch.map((e) => e.id));
    const seen = () => events.events.filter((e) => ids.has(e.id)).map((e) => e.id);
    // The first pass failed and was rolled back: every row came back and went out again in the next
    // (the others of the failed pass had gone out too: at-least-once).
    await waitFor(() => seen().filter((id) => id === batch[0]?.id).length === 1 && seen().length >= 9, {
      what: 'the batch published again after the failed pass',
      timeoutMs: 20_000,
    });
    expect(failNext).toBe(false);
    expect(seen().slice(-5)).toEqual(batch.map((e) => e.id));
    // The pass commits its deletion after the broker confirmed, so a consumer can see the events first.
    await relay.stop();
    expect((await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);
    await events.close();
  });

  it('publishes rows in the order they were written: within a transaction, and across two in commit order', async () => {
    const events = await collectEvents(exchange);
    const insert = (client: PoolClient, event: AnyEvent) =>
      client.query('INSERT INTO outbox (id, type, payload) VALUES ($1, $2, $3)', [event.id, event.type, event]);
    // One transaction's events share its start time (created_at); their ids are random.
    const inOne = Array.from({ length: 20 }, (_, i) => userEvent(`InOne${i}`));
    // `later` starts first but writes after `earlier` has committed (as one waiting for a row lock).
    const [earlier, later] = [userEvent('Earlier'), userEvent('Later')];
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      await b.query('BEGIN');
      await b.query('SELECT now()');
      await a.query('BEGIN');
      for (const event of inOne) await insert(a, event);
      await insert(a, earlier);
      await a.query('COMMIT');
      await insert(b, later);
      await b.query('COMMIT');
    } finally {
      a.release();
      b.release();
    }
    const relay = new OutboxRelay({ pool, broker, logger, pollMs: 100 });
    relay.start();
    const expected = [...inOne, earlier, later].map((e) => e.id);
    const ids = new Set(expected);
    const seen = () => events.events.filter((e) => ids.has(e.id)).map((e) => e.id);
    await waitFor(() => seen().length === expected.length, { what: 'all 22 events' });
    await relay.stop();
    await events.close();
    expect(seen()).toEqual(expected);
  });

  it('publishes a row as its stored text, with the same message properties as an event published from memory', async () => {
    const connection = await amqp.connect(TEST_AMQP_URL);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, 'user.registered');
    const messages: amqp.ConsumeMessage[] = [];
    await channel.consume(queue, (msg) => msg && messages.push(msg), { noAck: true });
    const relay = new OutboxRelay({ pool, broker, logger, pollMs: 100 });
    relay.start();
    const fromMemory = userEvent('Memory "quoted" \\ 🚀');
    const fromRow = { ...userEvent('Row "quoted" \\ 🚀'), correlationId: randomUUID() };
    await pool.query('INSERT INTO outbox (id, type, payload) VALUES ($1, $2, $3)', [fromRow.id, fromRow.type, fromRow]);
    relay.publishCommitted([fromMemory]);
    relay.kick();
    await waitFor(() => messages.length === 2, { what: 'both messages' });
    await relay.stop();
    await connection.close();
    for (const event of [fromMemory, fromRow]) {
      const msg = messages.find((m) => m.properties.messageId === event.id)!;
      // The row's text as written (json, not jsonb): the same bytes as the one published from memory.
      expect(msg.content.toString('utf8')).toBe(JSON.stringify(event));
      expect(msg.fields.routingKey).toBe(event.type);
      expect(msg.properties).toMatchObject({
        contentType: 'application/json',
        correlationId: event.correlationId,
        type: event.type,
        deliveryMode: 2,
        timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
      });
    }
  });

  it('sends what one turn publishes in a few socket writes, not one per message, and every message arrives in order', async () => {
    const events = await collectEvents(exchange);
    const socket = socketOf((broker as unknown as { connection: ChannelModel }).connection) as Socket;
    const calls = { write: 0, writev: 0 };
    const [write, writev] = [socket._write, socket._writev!];
    socket._write = function (...args) {
      calls.write++;
      return write.apply(this, args);
    };
    socket._writev = function (...args) {
      calls.writev++;
      return writev.apply(this, args);
    };
    try {
      const batch = Array.from({ length: 200 }, (_, i) => userEvent(`Turn${i}`));
      await Promise.all(batch.map((event) => broker.publish(event)));
      // 200 messages of ~400 bytes: one write each without the batching; a writev per ~16 KB with it.
      expect(calls.write + calls.writev).toBeGreaterThan(0);
      expect(calls.write + calls.writev).toBeLessThanOrEqual(20);
      const ids = new Set(batch.map((e) => e.id));
      await waitFor(() => events.events.filter((e) => ids.has(e.id)).length === batch.length, { what: 'all 200' });
      expect(events.events.filter((e) => ids.has(e.id)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    } finally {
      Object.assign(socket, { _write: write, _writev: writev });
      await events.close();
    }
  });

  it('keeps events while the broker connection is down and publishes them after it reconnects', async () => {
    const events = await collectEvents(exchange);
    const relay = new OutboxRelay({ pool, broker, logger, pollMs: 100 });
    relay.start();
    // Drop the connection under the broker, as a RabbitMQ restart would.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await (broker as any).connection.close();
    expect(broker.connected).toBe(false);
    const event = userEvent('WhileDown');
    await pool.query('INSERT INTO outbox (id, type, payload) VALUES ($1, $2, $3)', [event.id, event.type, event]);
    await waitFor(() => broker.connected, { what: 'reconnect', timeoutMs: 5000 });
    await events.waitFor((e) => e.id === event.id);
    await relay.stop();
    await events.close();
  });
});

describe('consumer', () => {
  const publishRaw = async (routingKey: string, body: Buffer) => {
    const connection = await amqp.connect(TEST_AMQP_URL);
    const channel = await connection.createConfirmChannel();
    channel.publish(exchange, routingKey, body, { persistent: true });
    await channel.waitForConfirms();
    await connection.close();
  };
  const messageCount = async (queue: string) => {
    const connection = await amqp.connect(TEST_AMQP_URL);
    const channel = await connection.createChannel();
    const { messageCount: n } = await channel.checkQueue(queue);
    await connection.close();
    return n;
  };

  it('retries a failing handler with back-off and acks once it succeeds; only handled events count in its lag', async () => {
    const queue = `taskflow-test-${runId}.retry`;
    const attempts = new Map<string, number>();
    const metrics = createMetrics('kit-test');
    const consumer = await startConsumer({
      broker,
      logger,
      metrics,
      queue,
      eventTypes: ['user.updated'],
      retryDelaysMs: [50, 50, 50],
      queueExpiresMs: 60_000,
      handle: async (event) => {
        const n = (attempts.get(event.id) ?? 0) + 1;
        attempts.set(event.id, n);
        if (n < 3) throw new Error(`transient failure ${n}`);
      },
    });
    queuesToDelete.push(consumer.queues.main, consumer.queues.dlq, ...consumer.queues.retries);
    const event = buildEvent(
      'auth',
      'user.updated',
      { userId: randomUUID(), email: 'r@x.test', name: 'Retry', timezone: 'UTC' },
      null,
    );
    await broker.publish(event);
    await waitFor(() => attempts.get(event.id) === 3, { what: 'third attempt' });
    // A sentinel through the main queue, then every queue empty: a fourth attempt would be waiting
    // in a retry queue (or on its way back to the main one), so none is coming.
    const sentinel = buildEvent(
      'auth',
      'user.updated',
      { userId: randomUUID(), email: 's@x.test', name: 'Sentinel', timezone: 'UTC' },
      null,
    );
    attempts.set(sentinel.id, 2); // succeeds at its first attempt
    await broker.publish(sentinel);
    await waitFor(() => attempts.get(sentinel.id) === 3, { what: 'the sentinel' });
    for (const q of [consumer.queues.main, ...consumer.queues.retries]) expect(await messageCount(q), q).toBe(0);
    expect(attempts.get(event.id)).toBe(3);
    expect(await messageCount(consumer.queues.dlq)).toBe(0);
    // Two events handled (the failed attempts are not), each lag at least the retries' delays for the first.
    const lag = await metrics.registry.getSingleMetric('event_handling_lag_seconds')!.get();
    const count = lag.values.find(
      (v) => (v as { metricName?: string }).metricName === 'event_handling_lag_seconds_count',
    );
    expect(count?.labels).toMatchObject({ queue, type: 'user.updated' });
    expect(count?.value).toBe(2);
    const sum = lag.values.find(
      (v) => (v as { metricName?: string }).metricName === 'event_handling_lag_seconds_sum',
    )!.value;
    expect(sum).toBeGreaterThanOrEqual(0.1);
    await consumer.stop();
  });

  it('dead-letters after the last retry, and a message off its schema at once, without blocking the next one; a replay after the fix delivers', async () => {
    const queue = `taskflow-test-${runId}.dlq`;
    const handled: AnyEvent[] = [];
    let fixed = false;
    const consumer = await startConsumer({
      broker,
      logger,
      queue,
      eventTypes: ['user.registered'],
      retryDelaysMs: [30, 30],
      queueExpiresMs: 60_000,
      handle: async (event) => {
        if (!fixed && event.type === 'user.registered' && event.data.name === 'Poison')
          throw new Error('cannot handle');
        handled.push(event);
      },
    });
    queuesToDelete.push(consumer.queues.main, consumer.queues.dlq, ...consumer.queues.retries);
    await broker.publish(userEvent('Poison'));
    await publishRaw('user.registered', Buffer.from('{"not":"an event"}'));
    const good = userEvent('Good');
    await broker.publish(good);
    await waitFor(() => handled.some((e) => e.id === good.id), { what: 'the good event' });
    await waitFor(async () => (await messageCount(consumer.queues.dlq)) === 2, {
      what: 'two dead letters',
      timeoutMs: 5000,
    });
    expect(handled.some((e) => e.type === 'user.registered' && e.data.name === 'Poison')).toBe(false);

    // The cause is fixed: the operator replays the DLQ. The poison event is handled now; the message
    // that is not an event at all goes straight back to the DLQ.
    fixed = true;
    expect(await replayDeadLetters(TEST_AMQP_URL, queue)).toBe(2);
    await waitFor(() => handled.some((e) => e.type === 'user.registered' && e.data.name === 'Poison'), {
      what: 'the replayed event',
    });
    await waitFor(async () => (await messageCount(consumer.queues.dlq)) === 1, {
      what: 'only the malformed message left',
      timeoutMs: 5000,
    });
    await consumer.stop();
  });
});

describe('database helpers', () => {
  it('creates a missing database, also when several instances start at once, and drops it', async () => {
    const url = `${TEST_PG_URL}/taskflow_test_kit_${runId}_fresh`;
    const exists = async () =>
      (await pool.query('SELECT 1 FROM pg_database WHERE datname = $1', [`taskflow_test_kit_${runId}_fresh`]))
        .rowCount === 1;
    expect(await exists()).toBe(false);
    await Promise.all([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
    expect(await exists()).toBe(true);
    await ensureDatabase(url);
    await dropDatabase(url);
    expect(await exists()).toBe(false);
  });
});
