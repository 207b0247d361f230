import { describe, expect, it } from 'vitest';
import { drainInBatches } from '../src/domain/batches';

/** A queue of `rows` claimed `limit` at a time, each claim a turn of the event loop; records claims in flight. */
function fakeClaims(rows: number, failOnClaim?: number) {
  let left = rows;
  let claims = 0;
  let inFlight = 0;
  const seen = { maxInFlight: 0, claims: () => claims };
  const batch = async (limit: number) => {
    claims++;
    const claim = claims;
    inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    if (claim === failOnClaim) throw new Error('claim failed');
    const taken = Math.min(limit, left);
    left -= taken;
    return taken;
  };
  return { batch, seen };
}

describe('drainInBatches', () => {
  it('claims everything, two batches at a time once the first comes back full', async () => {
    const { batch, seen } = fakeClaims(2_050);
    expect(await drainInBatches(500, batch, 2)).toBe(2_050);
    expect(seen.maxInFlight).toBe(2);
  });

  it('is one claim when the first batch comes back short', async () => {
    const { batch, seen } = fakeClaims(120);
    expect(await drainInBatches(500, batch, 2)).toBe(120);
    expect(seen.claims()).toBe(1);
  });

  it('runs one batch at a time with one worker', async () => {
    const { batch, seen } = fakeClaims(1_200);
    expect(await drainInBatches(500, batch)).toBe(1_200);
    expect(seen.maxInFlight).toBe(1);
    expect(seen.claims()).toBe(3);
  });

  it('fails when a batch fails, after the other worker has stopped', async () => {
    const { batch, seen } = fakeClaims(5_000, 3);
    await expect(drainInBatches(500, batch, 2)).rejects.toThrow('claim failed');
    // The other worker went on until one of its batches came back short.
    expect(seen.claims()).toBeGreaterThan(3);
  });
});
