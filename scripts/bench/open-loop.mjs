// Open-loop sending: requests (or messages) leave on a fixed schedule whether or not earlier ones answered,
// so a slow answer cannot slow the offered rate down and hide itself (closed loops wait, and so understate it).
import { performance } from 'node:perf_hooks';
import { sleep } from '../lib/net.mjs';

/**
 * Calls `send(k)` for k = 0 … total-1, the k-th at k / rate seconds from now, never waiting for an answer but
 * keeping at most `maxInFlight` outstanding. Resolves once every send has settled: the rate actually offered
 * and the most that were outstanding at once.
 */
export async function sendOpenLoop({ rate, total, send, maxInFlight = 200 }) {
  let inFlight = 0;
  let most = 0;
  const sends = [];
  const t0 = performance.now() + 50;
  for (let k = 0; k < total; k++) {
    const wait = t0 + (k * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight >= maxInFlight) await sleep(1);
    inFlight++;
    most = Math.max(most, inFlight);
    sends.push(
      Promise.resolve()
        .then(() => send(k))
        .finally(() => inFlight--),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  await Promise.allSettled(sends);
  return { rate: total / seconds, maxInFlight: most };
}
