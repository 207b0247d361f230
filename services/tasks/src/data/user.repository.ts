import { eq, sql } from 'drizzle-orm';
import { markProcessed } from '@taskflow/service-kit/outbox';
import type { Executor } from './database';
import { users } from './schema';

export type UserRow = typeof users.$inferSelect;

/** True the first time this event id is seen; false for a redelivery (the effect already committed). */
export function markEventProcessed(db: Executor, eventId: string): Promise<boolean> {
  return markProcessed(db, eventId);
}

/** Inserts or refreshes a directory entry; an older event never overwrites a newer one. */
export async function upsertUser(db: Executor, user: UserRow): Promise<void> {
  await db
    .insert(users)
    .values(user)
    .onConflictDoUpdate({
      target: users.id,
      set: { email: user.email, name: user.name, timezone: user.timezone, updatedAt: user.updatedAt },
      setWhere: sql`${users.updatedAt} <= excluded.updated_at`,
    });
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}
