import type { ActivityEntry } from '@taskflow/contracts/api';
import type { TaskSnapshot } from '@taskflow/contracts/events';
import { activityInsert, insertActivity, listActivity, type ActivityInsert } from '../data/activity.repository';
import type { Executor, TransactionScope } from '../data/database';
import { requireTask } from './access';
import { timeOrderedPage, type Page, type TimeKey } from './cursor';
import type { Changes } from './task.rules';
import { toActivityEntry } from './views';

/**
 * A task's history. Every change is told twice in its own transaction — to other services as an
 * event, to people as an activity entry — and both come from the one `changes` object computed for
 * the change, so the history and the events cannot disagree.
 */

/**
 * Entries written with the transaction's events, in the statement that puts them in the outbox (one
 * round trip for both), or at once in a scope that cannot.
 */
async function writeEntries({ db, writeWithEvents }: TransactionScope, entries: ActivityInsert[]): Promise<void> {
  if (!writeWithEvents) return insertActivity(db, entries);
  if (entries.length > 0) writeWithEvents(activityInsert(db, entries));
}

/** A new task: `task.created`, and its first entry. */
export async function recordTaskCreated(
  scope: TransactionScope,
  task: TaskSnapshot,
  actorId: string,
  at: Date,
): Promise<void> {
  scope.emit('task.created', { task }, actorId);
  await writeEntries(scope, [{ taskId: task.id, actorId, type: 'created', changes: {}, at }]);
}

/** Changed tasks (one, or the many a member's removal unassigns): a `task.updated` and an entry each. */
export async function recordTaskUpdates(
  scope: TransactionScope,
  updates: { task: TaskSnapshot; changes: Changes }[],
  actorId: string,
  at: Date,
): Promise<void> {
  for (const { task, changes } of updates) scope.emit('task.updated', { task, changes }, actorId);
  await writeEntries(
    scope,
    updates.map(({ task, changes }) => ({ taskId: task.id, actorId, type: 'updated', changes, at })),
  );
}

/** A comment written or deleted: the entry points at the comment by id, never at its text. */
export function recordCommentActivity(
  db: Executor,
  entry: { taskId: string; commentId: string; actorId: string; at: Date; deleted: boolean },
): Promise<void> {
  const { taskId, commentId, actorId, at, deleted } = entry;
  return insertActivity(db, [
    deleted
      ? { taskId, actorId, at, type: 'comment_deleted', changes: { comment: [commentId, null] } }
      : { taskId, actorId, at, type: 'commented', changes: { comment: [null, commentId] } },
  ]);
}

export type ActivityQueries = ReturnType<typeof createActivityQueries>;

export function createActivityQueries({ db }: { db: Executor }) {
  return {
    /** A page of the task's history, newest first; 404 for anyone who may not see the task. */
    async listTaskActivity(
      userId: string,
      taskId: string,
      query: { limit: number; cursor?: string },
    ): Promise<Page<ActivityEntry>> {
      await requireTask(db, userId, taskId);
      const read = (before: TimeKey | undefined, limit: number) => listActivity(db, taskId, before, limit);
      return timeOrderedPage(query, read, toActivityEntry, (entry) => entry.at);
    },
  };
}
