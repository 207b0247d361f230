import { TaskStatus } from '@taskflow/contracts/api';
import type { WithTransaction } from '../data/database';
import { claimDueReminders } from '../data/reminder.repository';
import { drainInBatches } from './batches';
import { isLate } from './reminder.rules';
import { toTaskSnapshot } from './views';

const BATCH = 500;

export interface RemindersDeps {
  withTransaction: WithTransaction;
  now: () => Date;
  /** The scheduler's tick: a reminder later than a couple of ticks is `late`. */
  tickMs: number;
  /** Told, after each committed batch, how late each of its reminders was claimed (seconds). */
  observeLag?: (seconds: number) => void;
}

/** Turns due reminders into `task.reminder_due` events, each exactly once across instances. */
export function createRemindersService({ withTransaction, now, tickMs, observeLag }: RemindersDeps) {
  const dispatchBatch = async (limit: number) => {
    const batch = await withTransaction(async ({ db, emit }) => {
      const at = now();
      const due = await claimDueReminders(db, at, limit);
      const lags: number[] = [];
      for (const { task, offsetMinutes, remindAt } of due) {
        // Done tasks have no reminder rows; this guards a row claimed in the instant before.
        if (task.status === TaskStatus.enum.done) continue;
        // Chosen now, not when planned: a reassigned task's pending reminders go to the new assignee.
        const recipientId = task.assigneeId ?? task.createdBy;
        const late = isLate(remindAt, at, tickMs);
        emit('task.reminder_due', { task: toTaskSnapshot(task), recipientId, offsetMinutes, late }, null);
        lags.push(Math.max(0, at.getTime() - remindAt.getTime()) / 1000);
      }
      return { claimed: due.length, lags };
    });
    if (observeLag) for (const seconds of batch.lags) observeLag(seconds);
    return batch.claimed;
  };

  return {
    /** Dispatches every reminder due now, with each batch's claim and its events in one transaction. */
    dispatchDueReminders: (): Promise<number> => drainInBatches(BATCH, dispatchBatch),
  };
}
