import { eq } from 'drizzle-orm';
import type { Database } from '@taskflow/service-kit/db';
import * as schema from './schema';

export type AuthDb = Database<typeof schema>;
export type UserRow = typeof schema.users.$inferSelect;
type Tx = Parameters<Parameters<AuthDb['transaction']>[0]>[0];
export type DbOrTx = AuthDb | Tx;

export const findUserByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1))[0];

export const findUserById = async (db: DbOrTx, id: string) =>
  (await db.select().from(schema.users).where(eq(schema.users.id, id)).limit(1))[0];

/** Returns undefined when the email is taken (unique index), instead of throwing. */
export const insertUser = async (db: DbOrTx, user: typeof schema.users.$inferInsert) =>
  (await db.insert(schema.users).values(user).onConflictDoNothing({ target: schema.users.email }).returning())[0];

export const updateUser = async (
  db: DbOrTx,
  id: string,
  patch: Partial<Pick<UserRow, 'name' | 'timezone' | 'passwordHash'>>,
) =>
  (
    await db
      .update(schema.users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(schema.users.id, id))
      .returning()
  )[0];
