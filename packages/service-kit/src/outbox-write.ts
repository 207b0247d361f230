import { randomUUID } from 'node:crypto';
import { sql, type SQLWrapper } from 'drizzle-orm';
import { parseEvent, type AnyEvent, type EventData, type EventType, type Producer } from '@taskflow/contracts/events';
import { currentContext } from './context';
import type { CommitListener } from './outbox-relay';
import { outbox, processedEvents, type Executor } from './outbox-schema';

/** The producing side of the outbox: build and validate events, write them in the caller's transaction. */

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

/**
 * Writes the events to the outbox; `alongside`: writes whose results nobody reads (an audit row), run
 * in the same statement as data-modifying WITH queries, so the lot is one round trip.
 */
export async function writeEvents(tx: Executor, events: AnyEvent[], alongside: SQLWrapper[] = []): Promise<void> {
  const insert =
    events.length > 0 ? tx.insert(outbox).values(events.map((e) => ({ id: e.id, type: e.type, payload: e }))) : null;
  if (alongside.length === 0) {
    if (insert) await insert;
    return;
  }
  const writes = sql.join(
    alongside.map((statement, i) => sql`${sql.identifier(`w${i}`)} AS (${statement.getSQL()})`),
    sql`, `,
  );
  // getSQL(): a query builder put in a template as it is would be wrapped in parentheses, as a subquery.
  await tx.execute(sql`WITH ${writes} ${insert ? insert.getSQL() : sql`SELECT 1`}`);
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

export type Emit = <T extends EventType>(type: T, data: EventData<T>, actorId: string | null) => void;

/** What a unit of work sees: the open transaction, and `emit` to queue an event in it. */
export interface TransactionScope<Tx> {
  db: Tx;
  /** Queues an event; it is written to the outbox in this transaction and published after commit. */
  emit: Emit;
  /**
   * Says the work wrote events to the outbox itself (a statement of its own that builds them), so
   * the relay is kicked after commit as for emitted ones. Such events skip `emit`'s validation:
   * their statement's test holds them to the contract.
   */
  wroteEvents: () => void;
  /**
   * Queues a write whose result the work does not read (an activity row): it runs when the work is
   * done, in the statement that writes the events to the outbox, saving a round trip of its own.
   * Optional for scopes made by hand (tests): without it, run the statement at once.
   */
  writeWithEvents?: (statement: SQLWrapper) => void;
  /**
   * Runs `fn` once the transaction has committed (not if it rolls back): telling another part of the
   * process about what was written, such as a scheduler about a reminder due sooner than its next
   * round. Optional for scopes made by hand (tests).
   */
  afterCommit?: (fn: () => void) => void;
}

/**
 * What a unit of work that is one statement sees (`createWithStatement`): `emit` builds and validates
 * an event, and `outboxJson` gives the events emitted so far as the JSON parameter its statement
 * writes to the outbox (`outboxInsertFromJson`).
 */
export interface StatementScope {
  emit: Emit;
  outboxJson: () => string;
}

/**
 * Runs a unit of work whose writes and outbox rows are one statement; `work` resolves undefined when
 * its statement wrote nothing (a condition of its WHERE failed), and nothing is published then.
 */
export type WithStatement = <R>(work: (scope: StatementScope) => Promise<R | undefined>) => Promise<R | undefined>;

/**
 * `withTransaction` for work whose writes fit in one statement with their outbox rows: PostgreSQL
 * runs a statement sent on its own as a transaction of its own, so there is no BEGIN and no COMMIT
 * to wait for. Once the statement has answered (committed), the events it wrote go to the relay as
 * a transaction's do. The statement must write the rows of exactly the events emitted before it ran,
 * and only if it wrote anything else: `outboxInsertFromJson` in a data-modifying WITH that reads the
 * statement's own change.
 */
export function createWithStatement(relay: CommitListener, producer: Producer): WithStatement {
  return async (work) => {
    const events: AnyEvent[] = [];
    const result = await work({
      emit: (type, data, actorId) => {
        events.push(buildEvent(producer, type, data, actorId));
      },
      outboxJson: () => JSON.stringify(events),
    });
    if (result !== undefined && events.length > 0) {
      if (relay.publishCommitted) relay.publishCommitted(events);
      else relay.kick();
    }
    return result;
  };
}

/**
 * SQL of an INSERT of outbox rows, one for each event of the JSON array `json` (a parameter, as
 * `StatementScope.outboxJson` writes it) and each row of `source` (a WITH query of one row or none:
 * the change the events tell of, so they are written only if it was).
 */
export const outboxInsertFromJson = (json: string, source: string): string =>
  `INSERT INTO outbox (id, type, payload)
   SELECT (e ->> 'id')::uuid, e ->> 'type', e FROM ${source} CROSS JOIN json_array_elements(${json}::json) e`;

export type WithTransaction<Tx> = <R>(work: (scope: TransactionScope<Tx>) => Promise<R>) => Promise<R>;

/**
 * The one transaction helper of every service with a database: runs `work` in one transaction,
 * validates the events it emitted and writes them to the outbox in that same transaction, and once
 * it has committed hands them to the relay, which publishes them from memory at once (the outbox
 * rows are the fallback should that fail or the process die first). Events a statement wrote
 * itself (`wroteEvents`) are not in memory: the relay is kicked to read them.
 * Usage: `const withTransaction = createWithTransaction((fn) => db.transaction(fn), relay, 'tasks')`.
 */
export function createWithTransaction<Tx extends Executor>(
  begin: <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>,
  relay: CommitListener,
  producer: Producer,
): WithTransaction<Tx> {
  return async (work) => {
    let wroteEvents = false;
    let emitted: AnyEvent[] = [];
    let committed: (() => void)[] = [];
    const result = await begin(async (tx) => {
      const events: AnyEvent[] = [];
      const alongside: SQLWrapper[] = [];
      const afterCommit: (() => void)[] = [];
      const value = await work({
        db: tx,
        emit: (type, data, actorId) => {
          events.push(buildEvent(producer, type, data, actorId));
        },
        wroteEvents: () => {
          wroteEvents = true;
        },
        writeWithEvents: (statement) => {
          alongside.push(statement);
        },
        afterCommit: (fn) => {
          afterCommit.push(fn);
        },
      });
      await writeEvents(tx, events, alongside);
      emitted = events;
      committed = afterCommit;
      return value;
    });
    if (emitted.length > 0) {
      if (relay.publishCommitted) relay.publishCommitted(emitted);
      else wroteEvents = true;
    }
    if (wroteEvents) relay.kick();
    for (const fn of committed) fn();
    return result;
  };
}
