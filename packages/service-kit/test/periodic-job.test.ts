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
});
