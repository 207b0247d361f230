import type { Logger } from '@taskflow/service-kit/logger';

export interface ReminderScheduler {
  stop(): Promise<void>;
}

/**
 * Runs `dispatch` at start (reminders that came due while the service was down go out late,
 * not never) and then every `tickMs`. Every instance runs one; the claim makes them cooperate.
 */
export function startReminderScheduler(opts: {
  dispatch: () => Promise<number>;
  logger: Logger;
  tickMs: number;
}): ReminderScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = () => {
    running = opts
      .dispatch()
      .then((count) => {
        if (count > 0) opts.logger.info({ count }, 'reminders dispatched');
      })
      .catch((err: Error) => opts.logger.warn({ err: err.message }, 'reminder dispatch failed; will retry'))
      .finally(() => {
        running = undefined;
        if (!stopped) {
          timer = setTimeout(tick, opts.tickMs);
          timer.unref();
        }
      });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
