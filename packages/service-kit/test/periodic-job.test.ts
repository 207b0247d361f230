import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { startPeriodicJob } from '../src/periodic-job';
import { waitFor } from '../src/testing';

const logger = createLogger('test', 'silent');

describe('periodic job', () => {
  it('runs at start, never overlaps rounds, retries after a failed round, and prepares once before the first', async () => {
    const events: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let round = 0;
    let prepares = 0;
    const job = startPeriodicJob({
      name: 'test',
      logger,
      tickMs: 5,
      prepare: async () => {
        prepares++;
        // The first attempt fails: it is tried again on the next tick, before any round.
        if (prepares === 1) throw new Error('not yet');
        events.push('prepared');
      },
      run: async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        round++;
        events.push(`round ${round}`);
        await new Promise((resolve) => setTimeout(resolve, 15));
        inFlight--;
        if (round === 2) throw new Error('boom');
        return 1;
      },
    });
    await waitFor(() => round >= 4, { timeoutMs: 5_000, what: 'four rounds' });
    await job.stop();
    const after = round;
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(events.slice(0, 3)).toEqual(['prepared', 'round 1', 'round 2']);
    expect(prepares).toBe(2);
    expect(maxInFlight).toBe(1);
    // A stopped job starts no further round.
    expect(round).toBe(after);
  });

  it('starts the next round at once when a round reports it came back full', async () => {
    const started: number[] = [];
    const job = startPeriodicJob({
      name: 'test',
      logger,
      // Only a full round can make a second one start within the test's time.
      tickMs: 60_000,
      run: async () => {
        started.push(Date.now());
        return started.length < 3;
      },
      onResult: (full) => full,
    });
    await waitFor(() => started.length === 3, { timeoutMs: 5_000, what: 'three rounds back to back' });
    await job.stop();
    expect(started).toHaveLength(3);
  });

  it('sleeps until the next work is due when that is sooner than a tick, and ignores a time already past', async () => {
    const started: number[] = [];
    let dueAt: number | undefined;
    const job = startPeriodicJob({
      name: 'test',
      logger,
      tickMs: 60_000, // no second round within the test but for nextRunAt
      run: async () => {
        started.push(Date.now());
      },
      nextRunAt: async () => {
        // After the first round: work due in 50 ms. After the second: work that is already late.
        if (started.length === 1) dueAt = Date.now() + 50;
        else dueAt = Date.now() - 1000;
        return new Date(dueAt);
      },
    });
    await waitFor(() => started.length === 2, { timeoutMs: 5_000, what: 'the round at the next due time' });
    expect(started[1]).toBeGreaterThanOrEqual(started[0]! + 50 - 2);
    // The past time is not a reason to run again at once (another instance may hold that work).
    await new Promise((resolve) => setTimeout(resolve, 200));
    await job.stop();
    expect(started).toHaveLength(2);
  });

  it('runs again at once for work that came due while a round ran, not a tick later', async () => {
    const started: number[] = [];
    let asked: Date | undefined;
    let dueAt = 0;
    const job = startPeriodicJob({
      name: 'test',
      logger,
      tickMs: 60_000, // no second round within the test but for nextRunAt
      run: async () => {
        started.push(Date.now());
        // The first round looks for work, finds none yet, and finishes after that work came due.
        if (started.length === 1) {
          dueAt = Date.now() + 5;
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      },
      nextRunAt: async (since) => {
        asked ??= since;
        return started.length === 1 && dueAt > since.getTime() ? new Date(dueAt) : null;
      },
    });
    await waitFor(() => started.length === 2, { timeoutMs: 5_000, what: 'the round for the work due meanwhile' });
    await job.stop();
    expect(asked?.getTime()).toBe(started[0]);
  });

  it('wakes for work due before its next round, and never overlaps a round in progress', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => undefined;
    const job = startPeriodicJob({
      name: 'test',
      logger,
      tickMs: 60_000,
      run: async () => {
        started.push(Date.now());
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // The second round waits to be released: a wake during it comes after it.
        if (started.length === 2) await new Promise<void>((resolve) => (release = resolve));
        inFlight--;
      },
    });
    await waitFor(() => started.length === 1, { what: 'the first round' });
    // Later than the armed tick: changes nothing.
    job.wakeAt(new Date(Date.now() + 120_000));
    const wake = Date.now() + 30;
    job.wakeAt(new Date(wake));
    await waitFor(() => started.length === 2, { timeoutMs: 5_000, what: 'the round woken for' });
    expect(started[1]).toBeGreaterThanOrEqual(wake - 2);
    job.wakeAt(new Date()); // during the second round
    release();
    await waitFor(() => started.length === 3, { timeoutMs: 5_000, what: 'the round after the one in progress' });
    await job.stop();
    expect(maxInFlight).toBe(1);
    job.wakeAt(new Date()); // stopped: ignored
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started).toHaveLength(3);
  });
});
