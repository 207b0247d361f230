import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import {
  createWithStatement as createKitWithStatement,
  createWithTransaction as createKitWithTransaction,
  type CommitListener,
  type WithStatement,
  type TransactionScope as KitTransactionScope,
  type WithTransaction as KitWithTransaction,
} from '@taskflow/service-kit/outbox';
import type { Database } from '@taskflow/service-kit/db';
import * as schema from './schema';

export { schema };
export type TasksDb = Database<typeof schema>;

/** The database or an open transaction: repositories run on either. */
export type Executor = PgDatabase<NodePgQueryResultHKT, typeof schema>;

export type TransactionScope = KitTransactionScope<Executor>;
export type WithTransaction = KitWithTransaction<Executor>;

/** The kit's transaction helper over this service's database; `relay` publishes what a transaction emitted. */
export function createWithTransaction(db: TasksDb, relay: CommitListener): WithTransaction {
  return createKitWithTransaction<Executor>((fn) => db.transaction(fn), relay, 'tasks');
}

/** The kit's one-statement unit of work for this service (`withStatement`): its events, produced by tasks. */
export function createWithStatement(relay: CommitListener): WithStatement {
  return createKitWithStatement(relay, 'tasks');
}

export type { WithStatement };
