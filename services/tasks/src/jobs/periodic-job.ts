import type { Logger } from '@taskflow/service-kit/logger';

export interface PeriodicJob {
  /** Stops ticking and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  /** For the logs: "reminders", "overdue digests". */
  name: string;
  /** One round of work; returns how many items it handled (logged when not 0). */
  run: () => Promise<number>;
  /** Done once before the first round, retried on the next tick until it succeeds. */
  prepare?: () => Promise<unknown>;
  logger: Logger;
  tickMs: number;
}

/**
 * Runs `run` at start — whatever came due while the service was down goes out late, not never —
 * and then `tickMs` after each round ends, so rounds never overlap. Every instance runs one; the
 * jobs' claims (FOR UPDATE SKIP LOCKED) make the instances cooperate instead of repeating work.
 * A failed round is logged and tried again on the next tick.
 */
export function startPeriodicJob(opts: PeriodicJobOptions): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let prepared = !opts.prepare;

  const round = async () => {
    if (!prepared) {
      await opts.prepare?.();
      prepared = true;
    }
    return opts.run();
  };

  const tick = () => {
    running = round()
      .then((count) => {
        if (count > 0) opts.logger.info({ job: opts.name, count }, `${opts.name} dispatched`);
      })
      .catch((err: Error) => opts.logger.warn({ job: opts.name, err: err.message }, `${opts.name} failed; will retry`))
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
