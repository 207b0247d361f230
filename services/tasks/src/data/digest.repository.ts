import { and, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { Executor } from './database';
import { overdueDigests, projects, tasks, users } from './schema';

export interface DigestPlan {
  userId: string;
  localDate: string;
  timezone: string;
  fireAt: Date;
}
export interface ClaimedDigest {
  userId: string;
  localDate: string;
  /** The zone the digest was planned in. */
  timezone: string;
  /** The user's zone now, for planning the next one. */
  userTimezone: string;
}
export type OverdueTask = {
  id: string;
  assigneeId: string;
  projectId: string;
  projectName: string;
  title: string;
  dueAt: string;
};

/** A user's pending digest (at most one) and the last local date one was sent for. */
export async function findDigestState(db: Executor, userId: string) {
  const [pending] = await db
    .select({ localDate: overdueDigests.localDate, timezone: overdueDigests.timezone })
    .from(overdueDigests)
    .where(and(eq(overdueDigests.userId, userId), isNull(overdueDigests.sentAt)));
  const [sent] = await db
    .select({ lastSent: max(overdueDigests.localDate) })
    .from(overdueDigests)
    .where(and(eq(overdueDigests.userId, userId), isNotNull(overdueDigests.sentAt)));
  return { pending: pending ?? null, lastSent: sent?.lastSent ?? null };
}

/** Sets a user's pending digest, replacing the one planned before (a change of time zone). */
export async function savePendingDigest(db: Executor, plan: DigestPlan): Promise<void> {
  await db
    .insert(overdueDigests)
    .values(plan)
    .onConflictDoUpdate({
      target: overdueDigests.userId,
      targetWhere: isNull(overdueDigests.sentAt),
      set: { localDate: plan.localDate, timezone: plan.timezone, fireAt: plan.fireAt },
    });
}

/** Plans digests where the user has none pending; a user planned meanwhile by another writer is left alone. */
export async function insertDigestPlans(db: Executor, plans: DigestPlan[]): Promise<void> {
  if (plans.length > 0) await db.insert(overdueDigests).values(plans).onConflictDoNothing();
}

/**
 * Marks up to `limit` due pending digests sent and returns them. FOR UPDATE SKIP LOCKED: with
 * several instances each row is claimed by one transaction, and rolls back to pending with it.
 */
export async function claimDueDigests(db: Executor, now: Date, limit: number): Promise<ClaimedDigest[]> {
  const at = now.toISOString();
  const { rows } = await db.execute<{ user_id: string; local_date: string; timezone: string; user_tz: string }>(sql`
    WITH due AS (
      SELECT user_id, local_date FROM ${overdueDigests}
      WHERE sent_at IS NULL AND fire_at <= ${at}::timestamptz
      ORDER BY fire_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${overdueDigests} d SET sent_at = ${at}::timestamptz
    FROM due JOIN ${users} u ON u.id = due.user_id
    WHERE d.user_id = due.user_id AND d.local_date = due.local_date
    RETURNING d.user_id, to_char(d.local_date, 'YYYY-MM-DD') AS local_date, d.timezone, u.timezone AS user_tz`);
  return rows.map((r) => ({
    userId: r.user_id,
    localDate: r.local_date,
    timezone: r.timezone,
    userTimezone: r.user_tz,
  }));
}

// Arrays go as one parameter each (sql.param): drizzle would otherwise spread them into a list.

/** Drops the sent rows before the ones just claimed: only the latest sent date is needed. */
export async function pruneSentDigests(db: Executor, claimed: ClaimedDigest[]): Promise<void> {
  if (claimed.length === 0) return;
  await db.execute(sql`
    DELETE FROM ${overdueDigests} d
    USING unnest(${sql.param(claimed.map((c) => c.userId))}::uuid[], ${sql.param(claimed.map((c) => c.localDate))}::date[]) AS c(user_id, local_date)
    WHERE d.user_id = c.user_id AND d.sent_at IS NOT NULL AND d.local_date < c.local_date`);
}

/**
 * The open tasks assigned to each of `userIds` whose due time is before `now`, soonest due first,
 * at most `perUser` each. Walks tasks_assignee_idx.
 */
export async function findOverdueTasks(
  db: Executor,
  userIds: string[],
  now: Date,
  perUser: number,
): Promise<OverdueTask[]> {
  if (userIds.length === 0) return [];
  const { rows } = await db.execute<OverdueTask>(sql`
    SELECT id, "assigneeId", "projectId", "projectName", title, "dueAt" FROM (
      SELECT t.id, t.assignee_id AS "assigneeId", t.project_id AS "projectId", p.name AS "projectName", t.title,
             to_char(t.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "dueAt",
             row_number() OVER (PARTITION BY t.assignee_id ORDER BY t.due_at, t.id) AS n
      FROM ${tasks} t JOIN ${projects} p ON p.id = t.project_id
      WHERE t.assignee_id = ANY(${sql.param(userIds)}::uuid[]) AND t.status <> 'done' AND t.due_at < ${now.toISOString()}::timestamptz
    ) ranked
    WHERE n <= ${perUser}
    ORDER BY "assigneeId", n`);
  return rows;
}

/**
 * Users with no pending digest (those registered before the table existed, say), in id order
 * after `afterId`, with the last local date a digest went out for.
 */
export async function findUsersWithoutPendingDigest(db: Executor, afterId: string | null, limit: number) {
  const { rows } = await db.execute<{ id: string; timezone: string; last_sent: string | null }>(sql`
    SELECT u.id, u.timezone,
           (SELECT to_char(max(s.local_date), 'YYYY-MM-DD') FROM ${overdueDigests} s
             WHERE s.user_id = u.id AND s.sent_at IS NOT NULL) AS last_sent
    FROM ${users} u
    WHERE NOT EXISTS (SELECT 1 FROM ${overdueDigests} d WHERE d.user_id = u.id AND d.sent_at IS NULL)
      AND (${afterId}::uuid IS NULL OR u.id > ${afterId}::uuid)
    ORDER BY u.id
    LIMIT ${limit}`);
  return rows.map((r) => ({ id: r.id, timezone: r.timezone, lastSent: r.last_sent }));
}

/** A user's time zone in the directory, read after the event that may have changed it. */
export async function findUserTimezone(db: Executor, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, userId));
  return row?.timezone;
}
