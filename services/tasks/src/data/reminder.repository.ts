import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from './database';
import { taskReminders, tasks } from './schema';

export interface ReminderPlan {
  /** Rows of these offsets stay as they are; every other row of the task is deleted. */
  keepOffsets: number[];
  /** Added where the task has no row for that offset yet. */
  plan: { offsetMinutes: number; remindAt: Date }[];
}
export type TaskRecord = typeof tasks.$inferSelect;
export interface ClaimedReminder {
  task: TaskRecord;
  offsetMinutes: number;
  remindAt: Date;
}

/** Applies a re-plan to a task's reminder rows (see ReminderPlan). */
export async function applyReminderPlan(db: Executor, taskId: string, { keepOffsets, plan }: ReminderPlan) {
  await db
    .delete(taskReminders)
    .where(
      keepOffsets.length > 0
        ? and(eq(taskReminders.taskId, taskId), notInArray(taskReminders.offsetMinutes, keepOffsets))
        : eq(taskReminders.taskId, taskId),
    );
  if (plan.length > 0)
    await db
      .insert(taskReminders)
      .values(plan.map((p) => ({ taskId, ...p })))
      .onConflictDoNothing();
}

/**
 * The claim: marks up to `limit` due, unsent reminders sent. Rows another instance holds are
 * skipped (SKIP LOCKED), so each fires once; if the caller's transaction rolls back they are
 * unsent again. It walks the partial index on remind_at (task_reminders_due_idx), so its cost
 * follows the number of due reminders, not the size of the table. Exported for the plan test.
 */
export const claimDueRemindersSql = (now: Date, limit: number): SQL => sql`
    WITH due AS (
      SELECT task_id, offset_minutes FROM ${taskReminders}
      WHERE sent_at IS NULL AND remind_at <= ${now.toISOString()}::timestamptz
      ORDER BY remind_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${taskReminders} r SET sent_at = ${now.toISOString()}::timestamptz
    FROM due WHERE r.task_id = due.task_id AND r.offset_minutes = due.offset_minutes
    RETURNING r.task_id, r.offset_minutes, (extract(epoch FROM r.remind_at) * 1000)::float8 AS remind_at_ms`;

/** Claims due reminders (see claimDueRemindersSql) and returns them with their tasks. */
export async function claimDueReminders(db: Executor, now: Date, limit: number): Promise<ClaimedReminder[]> {
  const claimed = await db.execute<{ task_id: string; offset_minutes: number; remind_at_ms: number }>(
    claimDueRemindersSql(now, limit),
  );
  if (claimed.rows.length === 0) return [];
  const ids = [...new Set(claimed.rows.map((r) => r.task_id))];
  const rows = await db.select().from(tasks).where(inArray(tasks.id, ids));
  const byId = new Map(rows.map((t) => [t.id, t]));
  return claimed.rows.flatMap((r) => {
    const task = byId.get(r.task_id);
    return task ? [{ task, offsetMinutes: r.offset_minutes, remindAt: new Date(Math.round(r.remind_at_ms)) }] : [];
  });
}
