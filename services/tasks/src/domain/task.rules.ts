import { generateKeyBetween } from 'fractional-indexing';
import { DEFAULT_REMINDERS, TaskStatus } from '@taskflow/contracts/api';

/** Pure rules of the task lifecycle: ordering keys, change sets, reminder lists, completion time. */

export type Changes = Record<string, [unknown, unknown]>;

/** A key strictly between two neighbours (null = open end); undefined when they are out of order. */
export function positionBetween(lower: string | null, upper: string | null): string | undefined {
  if (lower !== null && upper !== null && lower >= upper) return undefined;
  return generateKeyBetween(lower, upper);
}

const sameValue = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : false;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  return a === b;
};

const jsonValue = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);

/**
 * The fields of `next` that differ from `current`, as `{field: [old, new]}` with dates as ISO
 * strings. Fields absent from `next` are unchanged.
 */
export function computeChanges<T extends object>(current: T, next: Partial<T>): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    const after = next[key];
    if (after === undefined) continue;
    const before = current[key];
    if (!sameValue(before, after)) changes[key] = [jsonValue(before), jsonValue(after)];
  }
  return changes;
}

/**
 * Reminders to store: the ones asked for; else the defaults when a due date appears on a task
 * without reminders; else what the task had.
 */
export function remindersFor(opts: {
  requested?: number[];
  dueAt: Date | null;
  hadDueDate: boolean;
  current: number[];
}): number[] {
  if (opts.requested) return [...new Set(opts.requested)].sort((a, b) => b - a);
  if (opts.dueAt && !opts.hadDueDate && opts.current.length === 0) return [...DEFAULT_REMINDERS];
  return opts.current;
}

/** Set when a task becomes done, cleared when it leaves done, kept otherwise. */
export function completedAtFor(
  previousStatus: TaskStatus | null,
  nextStatus: TaskStatus,
  previousCompletedAt: Date | null,
  now: Date,
): Date | null {
  if (nextStatus !== TaskStatus.enum.done) return null;
  if (previousStatus === TaskStatus.enum.done && previousCompletedAt) return previousCompletedAt;
  return now;
}
