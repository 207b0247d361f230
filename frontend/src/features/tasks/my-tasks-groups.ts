import { DateTime } from 'luxon';
import type { Task } from '@taskflow/contracts/api';

/**
 * How "My tasks" sorts what is assigned to someone: by when it is due, in *their* time zone (the
 * one in their profile, which is also the one their reminders and digest use), not the browser's.
 * Overdue = its due time has passed; Today = later today; This week = after today, by the end of
 * Sunday (ISO weeks start on Monday); Later = after that.
 */

export type DueGroupId = 'overdue' | 'today' | 'thisWeek' | 'later' | 'noDueDate';

export const DUE_GROUP_LABEL: Record<DueGroupId, string> = {
  overdue: 'Overdue',
  today: 'Today',
  thisWeek: 'This week',
  later: 'Later',
  noDueDate: 'No due date',
};

const ORDER: readonly DueGroupId[] = ['overdue', 'today', 'thisWeek', 'later', 'noDueDate'];

export type DueGroup = { id: DueGroupId; label: string; tasks: Task[] };

/** A zone luxon knows, else the browser's: a profile's zone is validated, but never trust it blindly. */
function zoneOrLocal(timezone: string): string {
  return DateTime.local({ zone: timezone }).isValid ? timezone : 'local';
}

export function dueGroupOf(dueAt: string | null, timezone: string, now: Date): DueGroupId {
  if (dueAt === null) return 'noDueDate';
  const due = DateTime.fromISO(dueAt);
  const local = DateTime.fromJSDate(now, { zone: zoneOrLocal(timezone) });
  if (due < local) return 'overdue';
  if (due <= local.endOf('day')) return 'today';
  if (due <= local.endOf('week')) return 'thisWeek';
  return 'later';
}

/** The non-empty groups in the order above; each keeps the order of the list it was given. */
export function groupByDue(tasks: readonly Task[], timezone: string, now: Date): DueGroup[] {
  const byGroup = new Map<DueGroupId, Task[]>();
  for (const task of tasks) {
    const id = dueGroupOf(task.dueAt, timezone, now);
    byGroup.set(id, [...(byGroup.get(id) ?? []), task]);
  }
  return ORDER.filter((id) => byGroup.has(id)).map((id) => ({
    id,
    label: DUE_GROUP_LABEL[id],
    tasks: byGroup.get(id)!,
  }));
}

/** "Today, 17:00", "Tomorrow, 09:30", "Thu, Dec 10, 17:00", with the year when it is not this one. */
export function formatDueIn(dueAt: string, timezone: string, now: Date): string {
  const zone = zoneOrLocal(timezone);
  const due = DateTime.fromISO(dueAt, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const time = due.toLocaleString(DateTime.TIME_SIMPLE);
  const days = Math.round(due.startOf('day').diff(today, 'days').days);
  if (days === 0) return `Today, ${time}`;
  if (days === 1) return `Tomorrow, ${time}`;
  if (days === -1) return `Yesterday, ${time}`;
  const date = due.toLocaleString({
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(due.year === today.year ? {} : { year: 'numeric' }),
  });
  return `${date}, ${time}`;
}
