import { and, eq, isNull, sql } from 'drizzle-orm';
import * as schema from './schema';
import type { DbOrTx } from './user.repository';

export type SessionRow = typeof schema.sessions.$inferSelect;

export const createSession = async (db: DbOrTx, session: typeof schema.sessions.$inferInsert, tokenHash: string) => {
  await db.insert(schema.sessions).values(session);
  await db.insert(schema.refreshTokens).values({ tokenHash, sessionId: session.id });
};

/** The token row and its session, locked so two refreshes of one token cannot both rotate it. */
export const findTokenForUpdate = async (db: DbOrTx, tokenHash: string) =>
  (
    await db
      .select({ token: schema.refreshTokens, session: schema.sessions })
      .from(schema.refreshTokens)
      .innerJoin(schema.sessions, eq(schema.sessions.id, schema.refreshTokens.sessionId))
      .where(eq(schema.refreshTokens.tokenHash, tokenHash))
      .for('update')
      .limit(1)
  )[0];

export const rotateToken = async (db: DbOrTx, oldHash: string, newHash: string, sessionId: string) => {
  await db
    .update(schema.refreshTokens)
    .set({ rotatedAt: new Date() })
    .where(eq(schema.refreshTokens.tokenHash, oldHash));
  await db.insert(schema.refreshTokens).values({ tokenHash: newHash, sessionId });
  await db.update(schema.sessions).set({ lastUsedAt: new Date() }).where(eq(schema.sessions.id, sessionId));
};

export const revokeSession = async (db: DbOrTx, sessionId: string) => {
  await db
    .update(schema.sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(schema.sessions.id, sessionId), isNull(schema.sessions.revokedAt)));
};
