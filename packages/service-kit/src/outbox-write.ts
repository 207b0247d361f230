import { randomUUID } from 'node:crypto';
import { parseEvent, type AnyEvent, type EventData, type EventType, type Producer } from '@taskflow/contracts/events';
import { currentContext } from './context';
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
}

export type WithTransaction<Tx> = <R>(work: (scope: TransactionScope<Tx>) => Promise<R>) => Promise<R>;

/**
 * The one transaction helper of every service with a database: runs `work` in one transaction,
 * validates the events it emitted and writes them to the outbox in that same transaction, and once
 * it has committed kicks the relay so they go out now rather than at the next poll.
 * Usage: `const withTransaction = createWithTransaction((fn) => db.transaction(fn), relay, 'tasks')`.
 */
export function createWithTransaction<Tx extends Executor>(
  begin: <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>,
  relay: { kick(): void },
  producer: Producer,
): WithTransaction<Tx> {
  return async (work) => {
    let wroteEvents = false;
    const result = await begin(async (tx) => {
      const events: AnyEvent[] = [];
      const value = await work({
        db: tx,
        emit: (type, data, actorId) => {
          events.push(buildEvent(producer, type, data, actorId));
        },
        wroteEvents: () => {
          wroteEvents = true;
        },
      });
      await writeEvents(tx, events);
      wroteEvents ||= events.length > 0;
      return value;
    });
    if (wroteEvents) relay.kick();
    return result;
  };
}
