import {
  bigint,
  index,
  json,
  pgTable,
  text,
  timestamp,
  uuid,
  type PgDatabase,
  type PgQueryResultHKT,
} from 'drizzle-orm/pg-core';

/** Events written in the same transaction as the change they describe; the relay publishes them. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    // json, not jsonb: the text is kept as written, so what the relay publishes is what was built (no
    // conversion on the way in, none back to text on the way out); nothing queries inside it.
    payload: json('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // The order rows were written in, which a relay pass publishes them in: within a transaction, the
    // order of its events; across two that changed the same row, their commit order (the second
    // waited for the first's lock before it wrote). created_at, the transaction's start, is neither.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [index('outbox_created_at_idx').on(t.createdAt), index('outbox_seq_idx').on(t.seq)],
);

/** Ids of events a consumer has handled, written in the same transaction as the effect. */
export const processedEvents = pgTable('processed_events', {
  eventId: uuid('event_id').primaryKey(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Any drizzle Postgres database or transaction. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = PgDatabase<PgQueryResultHKT, any, any>;
