import { TaskStatus } from '@taskflow/contracts/api';

/** Pure rules of task reminders: what to plan, what a change does to the plan, when one is late. */

export interface PlannedReminder {
  offsetMinutes: number;
  remindAt: Date;
}

interface ReminderFields {
  status: TaskStatus;
  dueAt: Date | null;
  reminders: number[];
}

/**
 * One reminder per offset for an open task with a due date. Times already past are not planned:
 * a task due in 30 minutes with a one-day reminder gets no reminder "as if due" the moment it is
 * saved — the person saving it knows.
 */
export function planReminders(task: ReminderFields, now: Date): PlannedReminder[] {
  if (task.status === TaskStatus.enum.done || !task.dueAt) return [];
  const due = task.dueAt.getTime();
  return [...new Set(task.reminders)]
    .map((offsetMinutes) => ({ offsetMinutes, remindAt: new Date(due - offsetMinutes * 60_000) }))
    .filter((r) => r.remindAt.getTime() > now.getTime());
}

/**
 * What a change does to a task's stored reminders: rows of `keepOffsets` stay as they are (sent
 * or pending), every other row goes, and `plan` rows are added where that offset has none.
 */
export interface ReminderReplan {
  keepOffsets: number[];
  plan: PlannedReminder[];
}

const sameTime = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : a.getTime() === b.getTime());

/**
 * The re-plan a change calls for; null when it touches no reminder. A new due date starts over
 * (the reminders are about a different moment). Otherwise — a reminder added or removed, the task
 * moved between open columns or reopened — the rows of offsets that stay are kept, so a reminder
 * that already fired for this due date never fires again and one still pending is not lost. Done,
 * or no due date, cancels them all. The assignee is not part of it: the recipient is chosen when
 * a reminder fires, so the pending ones go to whoever is assigned by then.
 */
export function replanReminders(before: ReminderFields, after: ReminderFields, now: Date): ReminderReplan | null {
  const dueChanged = !sameTime(before.dueAt, after.dueAt);
  const remindersChanged =
    before.reminders.length !== after.reminders.length || before.reminders.some((m, i) => m !== after.reminders[i]);
  if (!dueChanged && !remindersChanged && before.status === after.status) return null;
  const plan = planReminders(after, now);
  const open = after.status !== TaskStatus.enum.done && after.dueAt !== null;
  return { keepOffsets: open && !dueChanged ? after.reminders : [], plan };
}

/**
 * How late a reminder may go out and still count as on time: a tick or two of the scheduler is
 * normal, and anything under a minute is not worth telling anyone about. Past this the service was
 * down (or far behind) across the reminder's time, and the event says `late`: claimed more than
 * this after its time. The scheduler's statement applies it (reminder.repository.ts
 * dispatchDueRemindersSql).
 */
export const lateAfterMs = (tickMs: number): number => Math.max(60_000, 2 * tickMs);
