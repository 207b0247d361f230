import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from './database';
import { taskReminders, tasks } from './schema';

export interface PlannedReminder {
  offsetMinutes: number;
  remindAt: Date;
}
export type TaskRecord = typeof tasks.$inferSelect;
export interface ClaimedReminder {
  task: TaskRecord;
  offsetMinutes: number;
}

/** Replaces a task's reminder plan (sent rows included: a re-plan starts over from the new due date). */
export async function replaceReminders(db: Executor, taskId: string, plan: PlannedReminder[]): Promise<void> {
  await db.delete(taskReminders).where(eq(taskReminders.taskId, taskId));
  if (plan.length > 0) await db.insert(taskReminders).values(plan.map((p) => ({ taskId, ...p })));
}

/**
 * Marks up to `limit` due, unsent reminders sent and returns them with their tasks. Rows another
 * instance holds are skipped (SKIP LOCKED), so each fires once; if the caller's transaction rolls
 * back they are unsent again. Walks the partial index on remind_at.
 */
export async function claimDueReminders(db: Executor, now: Date, limit: number): Promise<ClaimedReminder[]> {
  const claimed = await db.execute<{ task_id: string; offset_minutes: number }>(sql`
    WITH due AS (
      SELECT task_id, offset_minutes FROM ${taskReminders}
      WHERE sent_at IS NULL AND remind_at <= ${now.toISOString()}::timestamptz
      ORDER BY remind_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${taskReminders} r SET sent_at = ${now.toISOString()}::timestamptz
    FROM due WHERE r.task_id = due.task_id AND r.offset_minutes = due.offset_minutes
    RETURNING r.task_id, r.offset_minutes`);
  if (claimed.rows.length === 0) return [];
  const ids = [...new Set(claimed.rows.map((r) => r.task_id))];
  const rows = await db.select().from(tasks).where(inArray(tasks.id, ids));
  const byId = new Map(rows.map((t) => [t.id, t]));
  return claimed.rows.flatMap((r) => {
    const task = byId.get(r.task_id);
    return task ? [{ task, offsetMinutes: r.offset_minutes }] : [];
  });
}
