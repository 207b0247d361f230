/**
 * The transactional outbox, in three parts: the tables (`outbox-schema.ts`), the writing side a
 * service's transactions use (`outbox-write.ts`) and the relay that publishes committed rows
 * (`outbox-relay.ts`). This module is the package's `./outbox` entry point.
 */
export { outbox, processedEvents } from './outbox-schema';
export {
  buildEvent,
  createWithStatement,
  createWithTransaction,
  markProcessed,
  outboxInsertFromJson,
  writeEvents,
  type Emit,
  type StatementScope,
  type TransactionScope,
  type WithStatement,
  type WithTransaction,
} from './outbox-write';
export { OutboxRelay, type CommitListener, type RelayOptions } from './outbox-relay';
