import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { createEventTransactions, type Emit } from '@taskflow/service-kit/outbox';
import type { Database } from '@taskflow/service-kit/db';
import * as schema from './schema';

export { schema };
export type TasksDb = Database<typeof schema>;

/** The database or an open transaction: repositories run on either. */
export type Executor = PgDatabase<NodePgQueryResultHKT, typeof schema>;

export interface TransactionScope {
  db: Executor;
  /** Queues an event; it is written to the outbox in this transaction and published after commit. */
  emit: Emit;
}

export type WithTransaction = <T>(work: (scope: TransactionScope) => Promise<T>) => Promise<T>;

/**
 * Runs `work` in one transaction, writes the events it emitted to the outbox in that same
 * transaction, and once it has committed calls `afterCommit` (the relay's kick) so they go out now.
 */
export function createWithTransaction(db: TasksDb, afterCommit: () => void): WithTransaction {
  const transact = createEventTransactions<Executor>((fn) => db.transaction(fn), { kick: afterCommit }, 'tasks');
  return (work) => transact((tx, emit) => work({ db: tx, emit }));
}
