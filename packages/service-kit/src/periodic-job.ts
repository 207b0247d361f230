import type { Logger } from './logger';

export interface PeriodicJob {
  /** Stops ticking and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions<R> {
  /** For the logs: "reminders", "overdue digests", "email". */
  name: string;
  /** One round of work. A count of items handled is logged when not 0, unless `onResult` takes it. */
  run: () => Promise<R>;
  /** What a round's result means (log it, count it); true when the round came back full, so the next starts at once. */
  onResult?: (result: R) => boolean | void;
  /** Done once before the first round, retried on the next tick until it succeeds. */
  prepare?: () => Promise<unknown>;
  logger: Logger;
  tickMs: number;
}

/**
 * The one loop behind every timer of the services (reminders, digests, email): runs `run` at start —
 * whatever came due while the service was down goes out late, not never — and then `tickMs` after
 * each round ends, so rounds never overlap. Every instance runs one; the jobs' claims (FOR UPDATE
 * SKIP LOCKED, leases) make the instances cooperate instead of repeating work. A failed round is
 * logged and tried again on the next tick.
 */
export function startPeriodicJob<R>(opts: PeriodicJobOptions<R>): PeriodicJob {
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

  const defaultResult = (result: R): boolean => {
    if (typeof result === 'number' && result > 0) {
      opts.logger.info({ job: opts.name, count: result }, `${opts.name} dispatched`);
    }
    return false;
  };

  const tick = () => {
    let full = false;
    running = round()
      .then((result) => {
        full = (opts.onResult ?? defaultResult)(result) === true;
      })
      .catch((err: Error) => opts.logger.warn({ job: opts.name, err: err.message }, `${opts.name} failed; will retry`))
      .finally(() => {
        running = undefined;
        if (!stopped) {
          timer = setTimeout(tick, full ? 0 : opts.tickMs);
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
