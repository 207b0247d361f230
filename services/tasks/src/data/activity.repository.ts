import { and, desc, eq, sql } from 'drizzle-orm';
import type { ActivityType, FieldChanges } from '@taskflow/contracts/api';
import type { Executor } from './database';
import { taskActivity, users } from './schema';

export interface ActivityInsert {
  taskId: string;
  actorId: string | null;
  type: ActivityType;
  changes: FieldChanges;
  at: Date;
}
export interface ActivityRow extends ActivityInsert {
  id: string;
  /** '' when the directory does not know the actor (yet); null when there is no actor. */
  actorName: string | null;
}
/** The sort key of the last entry of a page. */
export interface ActivityKey {
  at: Date;
  id: string;
}

export async function insertActivity(db: Executor, entries: ActivityInsert[]): Promise<void> {
  if (entries.length > 0) await activityInsert(db, entries);
}

/** The INSERT of `entries` (at least one), not run: for `writeWithEvents`. */
export const activityInsert = (db: Executor, entries: ActivityInsert[]) => db.insert(taskActivity).values(entries);

/** A page of a task's history, newest first, by keyset on the (task, at, id) index read backwards. */
export function listActivity(
  db: Executor,
  taskId: string,
  before: ActivityKey | undefined,
  limit: number,
): Promise<ActivityRow[]> {
  const keyset = before
    ? sql`(${taskActivity.at}, ${taskActivity.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)`
    : undefined;
  return db
    .select({
      id: taskActivity.id,
      taskId: taskActivity.taskId,
      actorId: taskActivity.actorId,
      actorName: sql<
        string | null
      >`CASE WHEN ${taskActivity.actorId} IS NULL THEN NULL ELSE coalesce(${users.name}, '') END`,
      type: taskActivity.type,
      changes: taskActivity.changes,
      at: taskActivity.at,
    })
    .from(taskActivity)
    .leftJoin(users, eq(users.id, taskActivity.actorId))
    .where(and(eq(taskActivity.taskId, taskId), keyset))
    .orderBy(desc(taskActivity.at), desc(taskActivity.id))
    .limit(limit);
}
