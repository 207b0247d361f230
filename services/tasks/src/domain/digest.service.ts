import { OVERDUE_DIGEST_MAX_TASKS } from '@taskflow/contracts/events';
import type { Executor, WithTransaction } from '../data/database';
import {
  claimDueDigests,
  findDigestState,
  findOverdueTasks,
  findUsersWithoutPendingDigest,
  findUserTimezone,
  insertDigestPlans,
  pruneSentDigests,
  savePendingDigest,
  type OverdueTask,
} from '../data/digest.repository';
import { drainInBatches } from './batches';
import { digestZone, nextDigest } from './digest.rules';

const BATCH = 200;

/**
 * Plans a user's next digest after a `user.*` event, in that event's transaction: a new user gets
 * one (tomorrow's when it is already past 09:00 where they are), a user whose time zone changed is
 * re-planned in the new zone, anyone else keeps the one they have.
 */
export async function planUserDigest(db: Executor, userId: string, now: Date): Promise<void> {
  const timezone = await findUserTimezone(db, userId);
  if (timezone === undefined) return;
  const { pending, lastSent } = await findDigestState(db, userId);
  if (pending?.timezone === digestZone(timezone)) return;
  await savePendingDigest(db, { userId, ...nextDigest({ timezone, now, after: lastSent }) });
}

const groupByAssignee = (rows: OverdueTask[]) => {
  const groups = new Map<string, OverdueTask[]>();
  for (const row of rows) {
    const group = groups.get(row.assigneeId);
    if (group) group.push(row);
    else groups.set(row.assigneeId, [row]);
  }
  return groups;
};

/**
 * The daily overdue digest: each due (user, local date) row is claimed once across instances and
 * restarts, in the same transaction as its `user.overdue_digest_due` event, and the user's next
 * day is planned in that transaction too.
 */
export function createDigestsService({ withTransaction, now }: { withTransaction: WithTransaction; now: () => Date }) {
  const dispatchBatch = (limit: number) =>
    withTransaction(async ({ db, emit }) => {
      const at = now();
      const claimed = await claimDueDigests(db, at, limit);
      if (claimed.length === 0) return 0;
      const userIds = claimed.map((c) => c.userId);
      const overdue = groupByAssignee(await findOverdueTasks(db, userIds, at, OVERDUE_DIGEST_MAX_TASKS));
      for (const { userId, localDate, timezone } of claimed) {
        const tasks = overdue.get(userId);
        // Nothing overdue, nothing sent: the day is still used up, and tomorrow's is planned.
        if (!tasks) continue;
        const items = tasks.map(({ assigneeId: _assignee, ...item }) => item);
        emit('user.overdue_digest_due', { userId, localDate, timezone, tasks: items }, null);
      }
      await pruneSentDigests(db, claimed);
      await insertDigestPlans(
        db,
        claimed.map((c) => ({
          userId: c.userId,
          ...nextDigest({ timezone: c.userTimezone, now: at, after: c.localDate }),
        })),
      );
      return claimed.length;
    });

  return {
    /** Sends every digest due now (late ones once, after an outage), batch by batch. */
    dispatchDueDigests: (): Promise<number> => drainInBatches(BATCH, dispatchBatch),

    /** Plans a digest for every user who has none pending: run once at start, for users from before the table. */
    async planMissingDigests(): Promise<number> {
      let afterId: string | null = null;
      return drainInBatches(BATCH, (limit) =>
        withTransaction(async ({ db }) => {
          const at = now();
          const users = await findUsersWithoutPendingDigest(db, afterId, limit);
          afterId = users.at(-1)?.id ?? afterId;
          await insertDigestPlans(
            db,
            users.map((u) => ({ userId: u.id, ...nextDigest({ timezone: u.timezone, now: at, after: u.lastSent }) })),
          );
          return users.length;
        }),
      );
    },
  };
}
