import { and, eq, isNull, sql } from 'drizzle-orm';
import * as schema from './schema';
import type { DbOrTx } from './user.repository';

/** Stores a new reset token and retires the user's earlier unused ones: only the latest link works. */
export const createResetToken = async (db: DbOrTx, row: { tokenHash: string; userId: string; expiresAt: Date }) => {
  await db
    .update(schema.passwordResetTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(schema.passwordResetTokens.userId, row.userId), isNull(schema.passwordResetTokens.usedAt)));
  await db.insert(schema.passwordResetTokens).values(row);
};

/**
 * Uses up a token that is unused and unexpired, in one statement (two concurrent uses cannot both
 * succeed); answers its user id, or undefined.
 */
export const consumeResetToken = async (db: DbOrTx, tokenHash: string): Promise<string | undefined> =>
  (
    await db
      .update(schema.passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(schema.passwordResetTokens.tokenHash, tokenHash),
          isNull(schema.passwordResetTokens.usedAt),
          sql`${schema.passwordResetTokens.expiresAt} > now()`,
        ),
      )
      .returning({ userId: schema.passwordResetTokens.userId })
  )[0]?.userId;
