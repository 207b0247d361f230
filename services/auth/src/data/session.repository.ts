import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
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

/** Ends a session; answers whether it was still open (so its end is announced exactly once). */
export const revokeSession = async (db: DbOrTx, sessionId: string): Promise<boolean> =>
  (
    await db
      .update(schema.sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(schema.sessions.id, sessionId), isNull(schema.sessions.revokedAt)))
      .returning({ id: schema.sessions.id })
  ).length > 0;

/** Ends every open session of a user but `exceptId`; answers the ids it ended. */
export const revokeUserSessions = async (db: DbOrTx, userId: string, exceptId?: string): Promise<string[]> =>
  (
    await db
      .update(schema.sessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(schema.sessions.userId, userId),
          isNull(schema.sessions.revokedAt),
          exceptId ? ne(schema.sessions.id, exceptId) : undefined,
        ),
      )
      .returning({ id: schema.sessions.id })
  ).map((row) => row.id);

/** A user's open sessions (not ended, not expired), the most recently used first. */
export const listOpenSessions = async (db: DbOrTx, userId: string): Promise<SessionRow[]> =>
  db
    .select()
    .from(schema.sessions)
    .where(
      and(
        eq(schema.sessions.userId, userId),
        isNull(schema.sessions.revokedAt),
        gt(schema.sessions.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(schema.sessions.lastUsedAt))
    .limit(200);

export const findSession = async (db: DbOrTx, sessionId: string) =>
  (await db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId)).limit(1))[0];
