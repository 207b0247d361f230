import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  type PgDatabase,
  type PgQueryResultHKT,
} from 'drizzle-orm/pg-core';
import { parseEvent, type AnyEvent, type EventData, type EventType, type Producer } from '@taskflow/contracts/events';
import { currentContext } from './context';
import type { Broker } from './broker';
import type { Logger } from './logger';

/** Events written in the same transaction as the change they describe; the relay publishes them. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_created_at_idx').on(t.createdAt)],
);

/** Ids of events a consumer has handled, written in the same transaction as the effect. */
export const processedEvents = pgTable('processed_events', {
  eventId: uuid('event_id').primaryKey(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Any drizzle Postgres database or transaction. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = PgDatabase<PgQueryResultHKT, any, any>;

export function buildEvent<T extends EventType>(
  producer: Producer,
  type: T,
  data: EventData<T>,
  actorId: string | null,
): AnyEvent {
  const raw = {
    id: randomUUID(),
    type,
    version: 1 as const,
    occurredAt: new Date().toISOString(),
    producer,
    actorId,
    correlationId: currentContext()?.requestId ?? randomUUID(),
    data,
  };
  // Validated on the way in, so a producer bug fails its own test rather than a consumer's.
  return parseEvent(raw);
}

export async function writeEvents(tx: Executor, events: AnyEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(outbox).values(events.map((e) => ({ id: e.id, type: e.type, payload: e })));
}

/**
 * Returns true the first time an event id is seen inside this transaction, false for a redelivery.
 * Used by consumers whose effect lives in the same database, so effect and mark commit together.
 */
export async function markProcessed(tx: Executor, eventId: string): Promise<boolean> {
  const inserted = await tx
    .insert(processedEvents)
    .values({ eventId })
    .onConflictDoNothing()
    .returning({ eventId: processedEvents.eventId });
  return inserted.length > 0;
}

export interface RelayOptions {
  pool: pg.Pool;
  broker: Broker;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
}

/**
 * Publishes outbox rows with publisher confirms and deletes them once confirmed. `kick()` after a
 * commit publishes at once; the poll is the fallback (a crash between commit and kick, a broker
 * outage). Rows are claimed FOR UPDATE SKIP LOCKED so several instances never publish the same
 * row at the same time; a row whose confirm never came is published again (at-least-once).
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly pollMs: number;
  private readonly batchSize: number;

  constructor(private readonly opts: RelayOptions) {
    this.pollMs = opts.pollMs ?? 1000;
    this.batchSize = opts.batchSize ?? 200;
  }

  start(): void {
    this.stopped = false;
    this.opts.broker.onConnected(() => this.kick());
    this.schedule();
    this.kick();
  }

  /** Publish now; coalesces concurrent calls into at most one extra pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: Error) => this.opts.logger.warn({ err: err.message }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.kick();
      if (!this.stopped) this.schedule();
    }, this.pollMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (!this.opts.broker.connected) return;
    for (;;) {
      const published = await this.publishBatch();
      if (published < this.batchSize) return;
    }
  }

  private async publishBatch(): Promise<number> {
    const client = await this.opts.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; payload: AnyEvent }>(
        'SELECT id, payload FROM outbox ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED',
        [this.batchSize],
      );
      if (rows.length > 0) {
        await Promise.all(rows.map((row) => this.opts.broker.publish(row.payload)));
        await client.query('DELETE FROM outbox WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id)]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

export type Emit = <T extends EventType>(type: T, data: EventData<T>, actorId: string | null) => void;

/**
 * Wraps a database's transaction so the work can `emit` events: they are validated, written to
 * the outbox in the same transaction, and the relay is kicked once it has committed.
 * Usage: `const transact = createEventTransactions((fn) => db.transaction(fn), relay, 'tasks')`.
 */
export function createEventTransactions<Tx extends Executor>(
  begin: <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>,
  relay: { kick(): void },
  producer: Producer,
) {
  return async <R>(work: (tx: Tx, emit: Emit) => Promise<R>): Promise<R> => {
    let wroteEvents = false;
    const result = await begin(async (tx) => {
      const events: AnyEvent[] = [];
      const value = await work(tx, (type, data, actorId) => {
        events.push(buildEvent(producer, type, data, actorId));
      });
      await writeEvents(tx, events);
      wroteEvents = events.length > 0;
      return value;
    });
    if (wroteEvents) relay.kick();
    return result;
  };
}
