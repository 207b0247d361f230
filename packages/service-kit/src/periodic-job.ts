import type { Logger } from './logger';

export interface PeriodicJob {
  /**
   * Asks for a round at `at` when that is sooner than the one planned (work that comes due before the
   * next tick: a reminder planned by a request). A round in progress is never overlapped: the next
   * starts when it ends, or at `at` if that is later. Ignored once stopped.
   */
  wakeAt(at: Date): void;
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
  /**
   * When the earliest work still waiting comes due, of the work due after `since` (the moment the
   * round started), asked after each round that did not come back full: the next round starts then
   * if that is sooner than a tick, at once if it came due while the round ran. Work due before the
   * round started and still waiting was held by another instance, or failed: the tick retries it.
   */
  nextRunAt?: (since: Date) => Promise<Date | null | undefined>;
  logger: Logger;
  tickMs: number;
}

/**
 * The one loop behind every timer of the services (reminders, digests, email): runs `run` at start —
 * whatever came due while the service was down goes out late, not never — and then `tickMs` after
 * each round ends, or sooner when the job knows its next work comes due sooner (`nextRunAt`,
 * `wakeAt`), so work goes out at its time rather than up to a tick late; rounds never overlap.
 * Every instance runs one; the jobs' claims (FOR UPDATE
 * SKIP LOCKED, leases) make the instances cooperate instead of repeating work. A failed round is
 * logged and tried again on the next tick.
 */
export function startPeriodicJob<R>(opts: PeriodicJobOptions<R>): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (epoch ms), Infinity when none is armed. */
  let armedAt = Infinity;
  /** The soonest wake asked for while a round was running. */
  let wantedAt = Infinity;
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

  /** The next round at `at` (epoch ms), unless one is armed sooner or a round is running. */
  const arm = (at: number) => {
    if (stopped) return;
    if (running) {
      wantedAt = Math.min(wantedAt, at);
      return;
    }
    if (timer && armedAt <= at) return;
    clearTimeout(timer);
    armedAt = at;
    timer = setTimeout(tick, Math.max(0, at - Date.now()));
    timer.unref();
  };

  /** When the round after this one starts: a tick on, at once when full, sooner if work comes due sooner. */
  const nextAfter = async (full: boolean, startedAt: number): Promise<number> => {
    const now = Date.now();
    if (full) return now;
    const due = (await opts.nextRunAt?.(new Date(startedAt)))?.getTime();
    // Due while the round ran (after its claim looked, before this question): a round at once, not a tick later.
    return due !== undefined && due > startedAt ? Math.min(Math.max(due, now), now + opts.tickMs) : now + opts.tickMs;
  };

  const tick = () => {
    timer = undefined;
    armedAt = Infinity;
    const startedAt = Date.now();
    let next = startedAt + opts.tickMs;
    running = round()
      .then((result) => nextAfter((opts.onResult ?? defaultResult)(result) === true, startedAt))
      .then((at) => {
        next = at;
      })
      .catch((err: Error) => opts.logger.warn({ job: opts.name, err: err.message }, `${opts.name} failed; will retry`))
      .finally(() => {
        running = undefined;
        const at = Math.min(next, wantedAt);
        wantedAt = Infinity;
        arm(at);
      });
  };
  tick();

  return {
    wakeAt(at: Date) {
      arm(at.getTime());
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
