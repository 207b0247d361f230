import { and, eq, gt, isNull, min, notInArray, sql, type SQL } from 'drizzle-orm';
import { PRODUCER } from '../config';
import type { Executor } from './database';
import { outbox, taskReminders, tasks } from './schema';
import { taskSnapshotJson } from './task-json';

export interface ReminderPlan {
  /** Rows of these offsets stay as they are; every other row of the task is deleted. */
  keepOffsets: number[];
  /** Added where the task has no row for that offset yet. */
  plan: { offsetMinutes: number; remindAt: Date }[];
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

/**
 * One batch of the scheduler in one statement: the claim (claimDueRemindersSql, as it is) and, for
 * each claimed reminder of a task not done, its `task.reminder_due` event — the whole envelope, as
 * the JSON text `JSON.stringify(buildEvent(…))` writes (the same keys in the same order) — inserted
 * into the outbox. A claimed row of a done task (claimed in the instant before the task was done,
 * whose change deletes its rows) stays marked sent and has no event, as a row whose task is gone. The
 * recipient is chosen now: the assignee, or the creator. `occurredAt` is the claim instant;
 * `correlationId` a new id per event (no request caused it); the task is its snapshot from
 * task-json.ts, read by key per claimed row (`OFFSET 0` keeps the lookup from being planned as a
 * join, which the claim's estimate of `limit` rows would make a scan of every task on a table of up
 * to some 100 000). The text is put together, not built as a JSON value: the outbox keeps it as it
 * is, and every part is either JSON already (the snapshot, `to_json` of the constants) or a uuid, a
 * number or a boolean. Gives how many rows it claimed (a short batch ends the drain) and, per event,
 * how late its reminder was claimed (seconds).
 * A reminder claimed more than `lateAfterMs` after its time is `late` (reminder.rules.ts).
 */
export const dispatchDueRemindersSql = (now: Date, limit: number, lateAfterMs: number): SQL => sql`
    WITH claimed AS (${claimDueRemindersSql(now, limit)}),
    emitted AS (
      SELECT gen_random_uuid() AS id, claimed.offset_minutes,
             ${now.getTime()}::float8 - claimed.remind_at_ms AS lag_ms, task.json, task.recipient_id
        FROM claimed CROSS JOIN LATERAL (
          SELECT ${sql.raw(taskSnapshotJson)} AS json,
                 coalesce(tasks.assignee_id, tasks.created_by) AS recipient_id
            FROM ${tasks} WHERE tasks.id = claimed.task_id AND tasks.status <> 'done'
          OFFSET 0) task
    ),
    written AS (
      INSERT INTO ${outbox} (id, type, payload)
      SELECT id, 'task.reminder_due',
             ('{"id":"' || id || '","type":"task.reminder_due","version":1,"occurredAt":'
              || to_json(${now.toISOString()}::text)::text || ',"producer":' || to_json(${PRODUCER}::text)::text
              || ',"actorId":null,"correlationId":"' || gen_random_uuid()
              || '","data":{"task":' || json || ',"recipientId":"' || recipient_id
              || '","offsetMinutes":' || offset_minutes
              || ',"late":' || (lag_ms > ${lateAfterMs}::float8)::text || '}}')::json
        FROM emitted
    )
    SELECT (SELECT count(*) FROM claimed)::int AS claimed,
           coalesce((SELECT array_agg(greatest(lag_ms, 0) / 1000) FROM emitted), '{}')::float8[] AS lags`;

/** Runs one batch of dispatchDueRemindersSql: how many reminders it claimed, and each event's lag in seconds. */
export async function dispatchDueReminders(
  db: Executor,
  now: Date,
  limit: number,
  lateAfterMs: number,
): Promise<{ claimed: number; lags: number[] }> {
  const { rows } = await db.execute<{ claimed: number; lags: number[] }>(
    dispatchDueRemindersSql(now, limit, lateAfterMs),
  );
  return rows[0]!;
}

/**
 * When the earliest unsent reminder after `now` is due (task_reminders_due_idx), null when none is.
 * Ones due by `now` are left out: the scheduler passes the start of its last round, which claimed what
 * was due by then, and what it left another instance holds; counting them would hide the next one.
 */
export async function nextReminderAt(db: Executor, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(taskReminders.remindAt) })
    .from(taskReminders)
    .where(and(isNull(taskReminders.sentAt), gt(taskReminders.remindAt, now)));
  return row?.at ?? null;
}
