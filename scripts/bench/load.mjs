// A measured load: autocannon against one URL, after a warm-up, with the CPU the stack spent on it. Closed loop
// (each connection sends its next request when the last one answered) unless `rate` fixes the offered rate.
import autocannon from 'autocannon';
import { cpuPerRequest } from './diagnostics.mjs';
import { CONNECTIONS, DURATION_S } from './options.mjs';

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

/**
 * Warm up for 2 s, then measure for `seconds`; `watch` snapshots CPU around the measured part. With `rate`,
 * open loop: autocannon's `overallRate` spreads that many requests a second over the connections.
 */
export async function load(url, headers = {}, { seconds = DURATION_S, watch, rate } = {}) {
  const paced = rate ? { overallRate: Math.max(1, Math.round(rate)) } : {};
  await runAutocannon({ url, headers, duration: 2, ...paced });
  const before = watch?.();
  const r = await runAutocannon({ url, headers, duration: seconds, ...paced });
  const cpu = watch ? cpuPerRequest(before, watch(), r.requests.total) : undefined;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
    detail: `non2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
    cpu,
  };
}
