// A measured load: autocannon against one URL, closed loop (each of CONNECTIONS connections sends its next
// request when the last one answered), after a warm-up, with the CPU the stack spent on it. The open loop at a
// fixed rate is open-loop.mjs's.
import autocannon from 'autocannon';
import { cpuPerRequest } from './diagnostics.mjs';
import { CONNECTIONS, DURATION_S } from './options.mjs';

/** The run's result, with the first request error's message (`firstError`) when there was one. */
function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    let firstError;
    const instance = autocannon({ connections: CONNECTIONS, pipelining: 1, ...opts }, (err, result) =>
      err ? reject(err) : resolve({ ...result, firstError }),
    );
    instance.on('reqError', (error) => (firstError ??= error.code ?? error.message));
  });
}

/** Warm up for 2 s, then measure for `seconds`; `watch` snapshots CPU around the measured part. */
export async function load(url, headers = {}, { seconds = DURATION_S, watch } = {}) {
  await runAutocannon({ url, headers, duration: 2 });
  const before = watch?.();
  const r = await runAutocannon({ url, headers, duration: seconds });
  const cpu = watch ? cpuPerRequest(before, watch(), r.requests.total) : undefined;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
    detail: `non2xx ${r.non2xx}, errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ''}, timeouts ${r.timeouts}`,
    cpu,
  };
}
