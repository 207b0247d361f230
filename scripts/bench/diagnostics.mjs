// Where the time and memory went: CPU per request of each process of the stack (from /proc), the services'
// event-loop lag and GC time (from their own /metrics), and their resident memory. Figures, not budgets.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { descendantsOf, procStat } from '../lib/system.mjs';
import { request } from './http.mjs';
import { stackPid } from './stack.mjs';
import { fmt } from './stats.mjs';

const TICK_MS = 1000 / 100; // CLK_TCK is 100 on Linux
const SERVICE_COMMAND = /services\/([a-z]+)\/(?:src\/main\.ts|dist\/main\.mjs)/;

export function cpuMsOf(pid) {
  const fields = procStat(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_MS : 0; // utime + stime
}

/**
 * The pid of this machine's RabbitMQ (its Erlang VM, `beam.smp`), or undefined: the broker shares the cores with
 * what a figure measures, so the figures that publish count its CPU too.
 */
export function rabbitmqPid() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'beam.smp') return Number(entry);
    } catch {
      // gone since the listing
    }
  }
  return undefined;
}

/** CPU ms used so far by each part of the stack (services, nginx workers), the bench itself and `extra` pids. */
export function cpuSnapshot(extra = {}) {
  const snapshot = { bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000 };
  const root = stackPid();
  for (const pid of root ? descendantsOf(root) : []) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    const name = SERVICE_COMMAND.exec(cmdline)?.[1] ?? (/^nginx/.test(cmdline) ? 'nginx' : undefined);
    if (name) snapshot[name] = (snapshot[name] ?? 0) + cpuMsOf(pid);
  }
  for (const [name, pid] of Object.entries(extra)) snapshot[name] = cpuMsOf(pid);
  return snapshot;
}

/** µs of CPU per request for each process group between two snapshots. */
export function cpuPerRequest(before, after, requests) {
  const out = {};
  for (const [name, ms] of Object.entries(after)) {
    const used = ms - (before[name] ?? 0);
    if (used > 0) out[name] = (used * 1000) / requests;
  }
  return out;
}

export const cpuText = (cpu) =>
  Object.entries(cpu ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${fmt(us, 0)} µs`)
    .join(', ');

/** Event-loop delay p99/max (ms) and GC seconds from a service's Prometheus /metrics (prom-client defaults). */
export async function loopStats(port) {
  const res = await request('GET', `http://127.0.0.1:${port}/metrics`).catch(() => undefined);
  if (res?.status !== 200 || typeof res.body !== 'string') return undefined;
  const value = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(res.body)?.[1]);
  let gc = 0;
  for (const m of res.body.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} ([0-9.e+-]+)$/gm)) gc += Number(m[1]);
  // Full (mark-compact) collections: the ones that stop the loop for milliseconds.
  const fullGcs = Number(
    /^nodejs_gc_duration_seconds_count\{[^}]*kind="major"[^}]*\} ([0-9.e+-]+)$/m.exec(res.body)?.[1] ?? 0,
  );
  // The histogram records the interval between its 10 ms ticks (prom-client's default precision): keep the excess.
  const lag = (name) => Math.max(0, value(name) * 1000 - 10);
  return {
    lagP99: lag('nodejs_eventloop_lag_p99_seconds'),
    lagMax: lag('nodejs_eventloop_lag_max_seconds'),
    gc,
    fullGcs,
  };
}

/** The service processes: children of start.mjs running services/<name>/dist/main.mjs (or src/main.ts under --dev). */
export function servicePids() {
  const out = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(stackPid())], { encoding: 'utf8' }).stdout;
  const pids = {};
  for (const line of out.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    const name = match && SERVICE_COMMAND.exec(match[2])?.[1];
    if (name) pids[name] = Number(match[1]);
  }
  return pids;
}

/** Resident memory now and at its peak, in MB (VmRSS, VmHWM). */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Starts a process's peak resident memory (VmHWM) over from what it holds now (`5` into clear_refs, Linux ≥ 4.0),
 * so the peak read later is the peak under the loads, not of the start-up; false where the kernel refuses.
 */
export function resetPeakMemory(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
