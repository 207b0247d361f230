import { TaskStatus } from '@taskflow/contracts/api';
import type { WithTransaction } from '../data/database';
import { claimDueReminders } from '../data/reminder.repository';
import { toTaskSnapshot } from './views';

const BATCH = 500;

/** Turns due reminders into `task.reminder_due` events, each exactly once across instances. */
export function createRemindersService({ withTransaction }: { withTransaction: WithTransaction }) {
  const dispatchBatch = () =>
    withTransaction(async ({ db, emit }) => {
      const due = await claimDueReminders(db, new Date(), BATCH);
      for (const { task, offsetMinutes } of due) {
        if (task.status === TaskStatus.enum.done) continue;
        const recipientId = task.assigneeId ?? task.createdBy;
        emit('task.reminder_due', { task: toTaskSnapshot(task), recipientId, offsetMinutes }, null);
      }
      return due.length;
    });

  return {
    /** Dispatches every reminder due now, batch by batch, with the claim and its events in one transaction. */
    async dispatchDueReminders(): Promise<number> {
      let total = 0;
      for (;;) {
        const claimed = await dispatchBatch();
        total += claimed;
        if (claimed < BATCH) return total;
      }
    },
  };
}
