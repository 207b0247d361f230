// Open-loop sending: requests (or messages) leave on a fixed schedule whether or not earlier ones answered,
// so a slow answer cannot slow the offered rate down and hide itself (closed loops wait, and so understate it).
// Latency is counted from when a request was due to leave, so time spent waiting for a free connection (or
// behind a stalled one) counts too. autocannon's `overallRate` is not this: each connection sends its share of
// the second as fast as it can and then pauses until the next second, which measures bursts, not a rate.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { sleep } from '../lib/net.mjs';
import { cpuPerRequest } from './diagnostics.mjs';
import { CONNECTIONS, DURATION_S } from './options.mjs';
import { percentile } from './stats.mjs';

/**
 * Calls `send(k, due)` for k = 0 … total-1, the k-th due at k / rate seconds from now (`due`, a
 * performance.now() instant), never waiting for an answer but keeping at most `maxInFlight` outstanding.
 * Resolves once every send has settled: the rate actually offered and the most that were outstanding at once.
 */
export async function sendOpenLoop({ rate, total, send, maxInFlight = 200 }) {
  let inFlight = 0;
  let most = 0;
  const sends = [];
  const t0 = performance.now() + 50;
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight >= maxInFlight) await sleep(1);
    inFlight++;
    most = Math.max(most, inFlight);
    sends.push(
      Promise.resolve()
        .then(() => send(k, due))
        .finally(() => inFlight--),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  await Promise.allSettled(sends);
  return { rate: total / seconds, maxInFlight: most };
}

/** One GET over `agent`, its body read and dropped; resolves the status code. */
function hit(url, headers, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/**
 * GET `url` open loop at `rate` a second over CONNECTIONS keep-alive connections: 2 s of warm-up, then
 * `seconds` measured (`watch` snapshots CPU around them). Resolves what load.mjs resolves for a closed loop.
 */
export async function loadOpenLoop(url, headers, { rate, seconds = DURATION_S, watch }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const ms = [];
  let non2xx = 0;
  let errors = 0;
  const run = (total, record) =>
    sendOpenLoop({
      rate,
      total,
      maxInFlight: Math.max(1000, rate), // a second's worth queued: past that the schedule slips, and counts
      send: (_k, due) =>
        hit(url, headers, agent).then(
          (status) => {
            if (!record) return;
            ms.push(performance.now() - due);
            if (status < 200 || status >= 300) non2xx++;
          },
          () => record && errors++,
        ),
    });
  try {
    await run(Math.round(rate * 2), false);
    const before = watch?.();
    const started = performance.now();
    const sent = await run(Math.round(rate * seconds), true);
    const elapsed = (performance.now() - started) / 1000;
    return {
      rps: ms.length / elapsed,
      offered: sent.rate,
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
      max: percentile(ms, 100),
      total: ms.length,
      bad: non2xx + errors,
      detail: `non2xx ${non2xx}, errors ${errors}, most in flight ${sent.maxInFlight}`,
      cpu: watch ? cpuPerRequest(before, watch(), ms.length) : undefined,
    };
  } finally {
    agent.destroy();
  }
}
