import type { TasksDb, WithTransaction } from '../data/database';
import { dispatchDueReminders, nextReminderAt } from '../data/reminder.repository';
import { drainInBatches } from './batches';
import { lateAfterMs } from './reminder.rules';

const BATCH = 500;
/**
 * Batches claimed side by side when many reminders are due at once (nine o'clock on a Monday): each
 * is one statement whose time is mostly PostgreSQL reading tasks and writing the outbox, so two
 * keep two of its cores busy instead of one.
 */
const WORKERS = 2;

export interface RemindersDeps {
  db: TasksDb;
  withTransaction: WithTransaction;
  now: () => Date;
  /** The scheduler's tick: a reminder later than a couple of ticks is `late`. */
  tickMs: number;
  /** Told, after each committed batch, how late each of its reminders was claimed (seconds). */
  observeLag?: (seconds: number) => void;
}

/**
 * Turns due reminders into `task.reminder_due` events, each exactly once across instances. A batch
 * is one statement (reminder.repository.ts dispatchDueRemindersSql): PostgreSQL claims the rows,
 * builds each event with the task's snapshot and writes it to the outbox, so no row comes to
 * JavaScript — building, validating and writing each event here cost several times the claim.
 */
export function createRemindersService({ db, withTransaction, now, tickMs, observeLag }: RemindersDeps) {
  const lateMs = lateAfterMs(tickMs);
  const dispatchBatch = async (limit: number) => {
    const batch = await withTransaction(async ({ db, wroteEvents }) => {
      const result = await dispatchDueReminders(db, now(), limit, lateMs);
      if (result.lags.length > 0) wroteEvents();
      return result;
    });
    if (observeLag) for (const seconds of batch.lags) observeLag(seconds);
    return batch.claimed;
  };

  return {
    /** Dispatches every reminder due now, with each batch's claim and its events in one transaction. */
    dispatchDueReminders: (): Promise<number> => drainInBatches(BATCH, dispatchBatch, WORKERS),
    /**
     * When the next unsent reminder due after `since` (the start of the scheduler's last round) is due:
     * the scheduler wakes then rather than a tick later, at once if it came due during that round.
     */
    nextDueAt: (since: Date): Promise<Date | null> => nextReminderAt(db, since),
  };
}
