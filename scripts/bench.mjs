#!/usr/bin/env node
// `npm run bench`: the performance budgets of SPEC §10, measured against a ceiling taken in the same run.
// Starts its own throw-away stack (own ports, databases, Redis prefix, exchange, queues), measures,
// prints a table, writes it into docs/benchmarks.md, stops the stack and removes everything it created.
// Never an assertion: exits 0 whatever the figures, 1 only when something is broken.
//
// Flags: --no-write (do not touch docs/benchmarks.md), --sockets=N (default 1000), --users=N (default 200),
//        --duration=S (autocannon seconds, default 10), --verbose (stream the stack's output),
//        --profile=DIR (the services run under bench/cpu-profile.mjs and write .cpuprofile files into DIR on stop).
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { connect as connectAmqp } from 'amqplib';
import pg from 'pg';
import { io } from 'socket.io-client';
import { dropDatabase } from '@taskflow/service-kit/db';
import { deleteRedisKeys, deleteTopology } from '@taskflow/service-kit/testing';
import { httpStatus, isPortFree, sleep } from './lib/net.mjs';
import { descendantsOf, fail, ok, paint, repoRoot, step } from './lib/system.mjs';

/** A database on the machine's PostgreSQL (DATABASE_URL's server), `postgres` by default. */
function databaseUrl(database = 'postgres') {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@localhost:5432');
  url.pathname = `/${database}`;
  return url.toString();
}

// ---------------------------------------------------------------------------------------------- options
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const WRITE_DOC = !args.includes('--no-write');
const VERBOSE = args.includes('--verbose');
const PROFILE_DIR = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const SOCKETS = option('sockets', 1000);
const USERS = option('users', 200);
const DURATION_S = option('duration', 10);
const TASKS = 200;
const CONNECTIONS = 50;
const ASSIGN_RATE = 100; // per second
const ASSIGN_SECONDS = 10;

const runId = Date.now().toString(36);
// Below the ephemeral port range (32768+), so no outgoing connection can already hold one of them.
const ports = { gateway: 28080, auth: 23001, tasks: 23002, notifications: 23003, mailSmtp: 21025, mailWeb: 21080 };
const base = `http://127.0.0.1:${ports.gateway}`;
const stack = {
  databases: { auth: `taskflow_bench_${runId}_auth`, tasks: `taskflow_bench_${runId}_tasks` },
  ceilingDatabase: `taskflow_bench_${runId}_ceiling`,
  redisKeyPrefix: `taskflow-bench-${runId}:`,
  eventsExchange: `taskflow.bench.${runId}`,
  queuePrefix: `taskflow-bench-${runId}`,
  dataDir: path.join(repoRoot, '.data', `bench-${runId}`),
};
// The queues the services declare (service-kit consumer: main, .dlq, .retry.1-4); they also expire on their own.
const queues = ['tasks', 'notifications'].flatMap((svc) => {
  const main = `${stack.queuePrefix}.${svc}`;
  return [main, `${main}.dlq`, ...[1, 2, 3, 4].map((i) => `${main}.retry.${i}`)];
});

// ---------------------------------------------------------------------------------------------- helpers
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** JSON over HTTP with a keep-alive agent; resolves { status, body, ms }. */
function request(method, url, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const req = http.request(
      url,
      {
        method,
        agent,
        timeout: 30_000,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode, body: parsed, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function expectStatus(what, promise, ...statuses) {
  const res = await promise;
  if (!statuses.includes(res.status)) {
    throw new Error(
      `${what}: HTTP ${res.status} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`.slice(0, 400),
    );
  }
  return res.body;
}

/** Runs fn over items with at most `limit` in flight. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

const percentile = (values, p) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const pct = (n) => (Number.isFinite(n) ? `${Math.round(n * 100)} %` : '—');

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

/** Warm up for 2 s, then measure for `seconds`; `watch` snapshots CPU around the measured part. */
async function load(url, headers = {}, { seconds = DURATION_S, watch } = {}) {
  await runAutocannon({ url, headers, duration: 2 });
  const before = watch?.();
  const r = await runAutocannon({ url, headers, duration: seconds });
  const cpu = watch ? cpuPerRequest(before, watch(), r.requests.total) : undefined;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
    detail: `non2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
    cpu,
  };
}

// ---------------------------------------------------------------------------------------------- diagnostics
const TICK_MS = 1000 / 100; // CLK_TCK is 100 on Linux

function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return 0;
  }
}

/** CPU ms used so far by each part of the stack (services, nginx workers), the bench itself and `extra` pids. */
function cpuSnapshot(extra = {}) {
  const snapshot = { bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000 };
  for (const pid of stackProcess ? descendantsOf(stackProcess.pid) : []) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    const name =
      /services\/([a-z]+)\/(?:src\/main\.ts|dist\/main\.mjs)/.exec(cmdline)?.[1] ??
      (/^nginx/.test(cmdline) ? 'nginx' : undefined);
    if (name) snapshot[name] = (snapshot[name] ?? 0) + cpuMsOf(pid);
  }
  for (const [name, pid] of Object.entries(extra)) snapshot[name] = cpuMsOf(pid);
  return snapshot;
}

/** µs of CPU per request for each process group between two snapshots. */
function cpuPerRequest(before, after, requests) {
  const out = {};
  for (const [name, ms] of Object.entries(after)) {
    const used = ms - (before[name] ?? 0);
    if (used > 0) out[name] = (used * 1000) / requests;
  }
  return out;
}
const cpuText = (cpu) =>
  Object.entries(cpu ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${fmt(us, 0)} µs`)
    .join(', ');

/** Event-loop delay p99/max (ms) and GC seconds from a service's Prometheus /metrics (prom-client defaults). */
async function loopStats(port) {
  const res = await request('GET', `http://127.0.0.1:${port}/metrics`).catch(() => undefined);
  if (res?.status !== 200 || typeof res.body !== 'string') return undefined;
  const value = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(res.body)?.[1]);
  let gc = 0;
  for (const m of res.body.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} ([0-9.e+-]+)$/gm)) gc += Number(m[1]);
  // The histogram records the interval between its 10 ms ticks (prom-client's default precision): keep the excess.
  const lag = (name) => Math.max(0, value(name) * 1000 - 10);
  return {
    lagP99: lag('nodejs_eventloop_lag_p99_seconds'),
    lagMax: lag('nodejs_eventloop_lag_max_seconds'),
    gc,
  };
}

// ---------------------------------------------------------------------------------------------- the stack
let stackProcess;
const stackLog = [];
let stackExited = false;

async function startStack() {
  for (const [name, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) throw new Error(`port ${port} (${name}) is in use: is another bench running?`);
  }
  const env = {
    ...process.env,
    PORT: String(ports.gateway),
    AUTH_PORT: String(ports.auth),
    TASKS_PORT: String(ports.tasks),
    NOTIFICATIONS_PORT: String(ports.notifications),
    MAIL_SMTP_PORT: String(ports.mailSmtp),
    MAIL_WEB_PORT: String(ports.mailWeb),
    AUTH_DATABASE_URL: databaseUrl(stack.databases.auth),
    TASKS_DATABASE_URL: databaseUrl(stack.databases.tasks),
    REDIS_KEY_PREFIX: stack.redisKeyPrefix,
    EVENTS_EXCHANGE: stack.eventsExchange,
    QUEUE_PREFIX: stack.queuePrefix,
    QUEUE_EXPIRES_MS: '120000',
    AUTH_KEY_FILE: path.join(stack.dataDir, 'auth-signing-key.pem'),
    APP_URL: base,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    FORCE_COLOR: '0',
    ...(PROFILE_DIR
      ? {
          NODE_OPTIONS:
            `${process.env.NODE_OPTIONS ?? ''} --import=${path.join(repoRoot, 'bench', 'cpu-profile.mjs')}`.trim(),
          BENCH_PROFILE_DIR: path.resolve(PROFILE_DIR),
        }
      : {}),
  };
  // Its own process group: a Ctrl-C reaches only us, and we send start.mjs exactly one SIGTERM.
  stackProcess = spawn(process.execPath, ['scripts/start.mjs', '--no-install', '--no-build'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [stackProcess.stdout, stackProcess.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        stackLog.push(line);
        if (stackLog.length > 200) stackLog.shift();
        if (VERBOSE) console.log(paint('2', `  [stack] ${line}`));
      }
    });
  }
  stackProcess.on('exit', () => (stackExited = true));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (stackExited) throw new Error('start.mjs exited before the stack was ready');
    if ((await httpStatus(`${base}/`, 1000)) === 200) return;
    await sleep(300);
  }
  throw new Error(`${base}/ does not answer after 120 s`);
}

async function stopStack() {
  if (!stackProcess || stackExited) return;
  const tree = descendantsOf(stackProcess.pid);
  stackProcess.kill('SIGTERM'); // start.mjs stops its children (≤ 10 s)
  const deadline = Date.now() + 20_000;
  while (!stackExited && Date.now() < deadline) await sleep(100);
  const alive = (pid) => existsSync(`/proc/${pid}`);
  const strays = [stackProcess.pid, ...tree].filter(alive);
  if (strays.length) {
    fail(`the stack did not stop within 20 s: killing ${strays.join(', ')}`);
    for (const pid of strays) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** The service processes: children of start.mjs running services/<name>/dist/main.mjs (or src/main.ts under --dev). */
function servicePids() {
  const out = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(stackProcess.pid)], { encoding: 'utf8' }).stdout;
  const pids = {};
  for (const line of out.split('\n')) {
    const match = /^\s*(\d+)\s+.*services\/([a-z]+)\/(?:src\/main\.ts|dist\/main\.mjs)/.exec(line);
    if (match) pids[match[2]] = Number(match[1]);
  }
  return pids;
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

// ---------------------------------------------------------------------------------------------- setup
async function register(i) {
  const body = await expectStatus(
    `register user ${i}`,
    // Straight to auth: nginx limits registration to 10/s per address (SPEC §3); this is setup, not a figure.
    request('POST', `http://127.0.0.1:${ports.auth}/api/auth/register`, {
      body: { email: `bench-${runId}-${i}@example.test`, password: 'bench-password-1234', name: `Bench User ${i}` },
    }),
    201,
  );
  return { id: body.user.id, email: `bench-${runId}-${i}@example.test`, token: body.accessToken };
}

/** tasks learns users from events: wait until it lists the user's personal project. */
async function waitUntilKnown(user) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await request('GET', `${base}/api/projects`, { token: user.token });
    if (res.status === 200 && res.body?.items?.length > 0) return;
    await sleep(200);
  }
  throw new Error(`tasks did not learn user ${user.email} within 60 s`);
}

async function waitForQueuesToDrain(timeoutMs = 60_000) {
  const connection = await connectAmqp(process.env.AMQP_URL || 'amqp://guest:guest@localhost:5672');
  try {
    const channel = await connection.createChannel();
    const deadline = Date.now() + timeoutMs;
    let quietSince = 0;
    while (Date.now() < deadline) {
      let waiting = 0;
      for (const svc of ['tasks', 'notifications'])
        waiting += (await channel.checkQueue(`${stack.queuePrefix}.${svc}`)).messageCount;
      if (waiting === 0) {
        quietSince ||= Date.now();
        if (Date.now() - quietSince > 1000) return;
      } else {
        quietSince = 0;
      }
      await sleep(200);
    }
    throw new Error('the event queues did not drain within 60 s');
  } finally {
    await connection.close();
  }
}

// ---------------------------------------------------------------------------------------------- 1. ceiling
async function measureCeiling(projectId) {
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(stack.ceilingDatabase)}`);
  await admin.end();
  const db = new pg.Client({ connectionString: databaseUrl(stack.ceilingDatabase) });
  await db.connect();
  try {
    // Shaped like tasks.tasks with its board index; 200 rows in the measured project among 20 000.
    await db.query(`
      CREATE TABLE bench_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), project_id uuid NOT NULL, title text NOT NULL,
        description text NOT NULL DEFAULT '', status text NOT NULL DEFAULT 'todo', priority text NOT NULL DEFAULT 'medium',
        due_at timestamptz, assignee_id uuid, labels text[] NOT NULL DEFAULT '{}', position text NOT NULL,
        created_by uuid NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1);
      CREATE INDEX bench_tasks_board_idx ON bench_tasks (project_id, status, position, id);`);
    await db.query(
      `INSERT INTO bench_tasks (project_id, title, position, created_by)
       SELECT CASE WHEN g <= 200 THEN $1::uuid ELSE md5((g / 200)::text)::uuid END,
              'Bench task ' || g, lpad(g::text, 6, '0'), $1::uuid
         FROM generate_series(1, 20000) g`,
      [projectId],
    );
    await db.query('ANALYZE bench_tasks');
  } finally {
    await db.end();
  }
  const child = fork(path.join(repoRoot, 'bench', 'ceiling-server.mjs'), {
    env: { ...process.env, DATABASE_URL: databaseUrl(stack.ceilingDatabase), PROJECT_ID: projectId },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`the ceiling server exited (${code})`)));
    });
    return await load(`http://127.0.0.1:${port}/`, {}, { watch: () => cpuSnapshot({ ceiling: child.pid }) });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  }
}

// ---------------------------------------------------------------------------------------------- 3. notifications
const sockets = [];

async function connectSockets(users) {
  const wanted = Array.from({ length: SOCKETS }, (_, i) => users[i % users.length]);
  let failed = 0;
  let firstError;
  await pool(wanted, 50, async (user) => {
    const socket = io(base, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: user.token },
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
    });
    socket.user = user;
    const ok = await new Promise((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', (err) => {
        firstError ??= err.message;
        resolve(false);
      });
    });
    if (ok) sockets.push(socket);
    else {
      failed++;
      socket.close();
    }
  });
  return { connected: sockets.length, failed, firstError };
}

async function measureAssignments(ownerToken, tasks, users) {
  const pending = new Map(); // `${taskId}|${userId}` → time the PATCH was sent
  const latencies = [];
  let disconnects = 0;
  for (const socket of sockets) {
    socket.on('disconnect', () => disconnects++);
    socket.on('notification', (n) => {
      if (n?.type !== 'task.assigned') return;
      const key = `${n.taskId}|${socket.user.id}`;
      const sentAt = pending.get(key);
      if (sentAt === undefined) return; // another of the user's sockets was first
      pending.delete(key);
      latencies.push(performance.now() - sentAt);
    });
  }

  const total = ASSIGN_RATE * ASSIGN_SECONDS;
  const patchMs = [];
  let patchErrors = 0;
  let firstPatchError;
  let inFlight = 0;
  let maxInFlight = 0;
  const sends = [];
  const t0 = performance.now() + 50;
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / ASSIGN_RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight >= 200) await sleep(1); // bounded: never more than 200 requests outstanding
    // Task i gets user i+r+1 in round r: every assignment changes the assignee, never to the same user twice.
    const task = tasks[k % tasks.length];
    const round = Math.floor(k / tasks.length);
    const assignee = users[((k % tasks.length) + round + 1) % users.length];
    const key = `${task.id}|${assignee.id}`;
    pending.set(key, performance.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    sends.push(
      request('PATCH', `${base}/api/tasks/${task.id}`, { token: ownerToken, body: { assigneeId: assignee.id } })
        .then(
          (res) => {
            patchMs.push(res.ms);
            if (res.status !== 200) {
              patchErrors++;
              firstPatchError ??= `HTTP ${res.status} ${JSON.stringify(res.body)}`.slice(0, 200);
              pending.delete(key);
            }
          },
          (err) => {
            patchErrors++;
            firstPatchError ??= err.message;
            pending.delete(key);
          },
        )
        .finally(() => inFlight--),
    );
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  await Promise.all(sends);
  const drainUntil = Date.now() + 10_000;
  while (pending.size > 0 && Date.now() < drainUntil) await sleep(50);
  return {
    sent: total,
    rate: total / sendSeconds,
    delivered: latencies.length,
    lost: pending.size,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    patchP50: percentile(patchMs, 50),
    patchP99: percentile(patchMs, 99),
    patchErrors,
    firstPatchError,
    maxInFlight,
    disconnects,
  };
}

function closeSockets() {
  for (const socket of sockets.splice(0)) socket.close();
}

// ---------------------------------------------------------------------------------------------- report
function renderTable(r) {
  const rows = [['Figure', 'This run', 'Ratio to ceiling', 'SPEC §10 budget', 'Verdict']];
  const verdict = (good) => (good === undefined ? '' : good ? 'ok' : 'OVER');
  rows.push([
    'Ceiling: bare node:http + pg, 50-row indexed SELECT — req/s',
    fmt(r.ceiling.rps, 0),
    '100 %',
    `reference ≈ 4 300 (machine factor ${fmt(r.ceiling.rps / 4300, 2)})`,
    '',
  ]);
  rows.push([
    'Ceiling — p50 / p99 latency (ms)',
    `${fmt(r.ceiling.p50)} / ${fmt(r.ceiling.p99)}`,
    '',
    'reference p99 21 ms',
    '',
  ]);
  if (r.board) {
    const ratio = r.board.rps / r.ceiling.rps;
    rows.push([
      'Board page: GET 50 tasks via nginx, authenticated — req/s',
      fmt(r.board.rps, 0),
      pct(ratio),
      '≥ 50 % of the ceiling',
      verdict(ratio >= 0.5),
    ]);
    rows.push([
      'Board page — p50 / p99 latency (ms)',
      `${fmt(r.board.p50)} / ${fmt(r.board.p99)}`,
      `p99 ${fmt(r.board.p99 / r.ceiling.p99, 2)}× ceiling's`,
      'p99 ≤ 30 ms at 50 connections',
      verdict(r.board.p99 <= 30),
    ]);
  }
  if (r.notify) {
    const n = r.notify;
    rows.push([
      `Assigned → \`notification\` (${n.connected} sockets / ${n.users} users, ${fmt(n.rate, 0)} assignments/s) — p50 (ms)`,
      fmt(n.p50),
      '',
      'p50 ≤ 15 ms',
      verdict(n.p50 <= 15),
    ]);
    rows.push([
      'Assigned → `notification` — p99 / max (ms)',
      `${fmt(n.p99)} / ${fmt(n.max)}`,
      '',
      'p99 ≤ 30 ms',
      verdict(n.p99 <= 30),
    ]);
    rows.push([
      'Assigned → `notification` — delivered / sent',
      `${n.delivered} / ${n.sent}`,
      '',
      'all',
      verdict(n.lost === 0 && n.patchErrors === 0),
    ]);
    rows.push([
      'PATCH /api/tasks/:id (the assignment itself) — p50 / p99 (ms)',
      `${fmt(n.patchP50)} / ${fmt(n.patchP99)}`,
      '',
      '—',
      '',
    ]);
  }
  for (const [name, m] of Object.entries(r.memory ?? {})) {
    rows.push([
      `RSS of ${name} after the load (peak) — MB`,
      `${fmt(m.rss, 0)} (${fmt(m.peak, 0)})`,
      '',
      '≤ 150 MB',
      verdict(m.rss <= 150),
    ]);
  }
  return rows;
}

/** Where the time went: not budgets, just figures to explain the table. */
function renderDiagnostics(r) {
  const rows = [['Diagnostic', 'This run']];
  const loop = (l) =>
    l ? `event-loop lag p99 ${fmt(l.lagP99)} ms, max ${fmt(l.lagMax)} ms, GC ${fmt(l.gc * 1000, 0)} ms` : 'n/a';
  rows.push(['CPU per request — ceiling', cpuText(r.ceiling.cpu)]);
  if (r.board) {
    rows.push(['CPU per request — board via nginx', cpuText(r.board.cpu)]);
    rows.push(['tasks during the board load', loop(r.board.tasksLoop)]);
  }
  if (r.direct) {
    rows.push([
      'Board straight at tasks (no nginx), 5 s — req/s, p50 / p99 ms',
      `${fmt(r.direct.rps, 0)} (${pct(r.direct.rps / r.ceiling.rps)} of ceiling), ${fmt(r.direct.p50)} / ${fmt(r.direct.p99)}`,
    ]);
    rows.push(['CPU per request — board straight at tasks', cpuText(r.direct.cpu)]);
  }
  if (r.notify) {
    rows.push(['CPU per assignment (PATCH + its events)', cpuText(r.notify.cpu)]);
    rows.push(['tasks during the assignments', loop(r.notify.loops.tasks)]);
    rows.push(['notifications during the assignments', loop(r.notify.loops.notifications)]);
    rows.push([
      'bench client (1 000 sockets + PATCH sender)',
      `event-loop lag p99 ${fmt(r.notify.benchLoop.p99)} ms, max ${fmt(r.notify.benchLoop.max)} ms; max PATCHes in flight ${r.notify.maxInFlight}; socket disconnects ${r.notify.disconnects}`,
    ]);
  }
  return rows;
}

function markdownTable(rows) {
  const esc = (cell) => String(cell).replaceAll('|', '\\|');
  return [
    `| ${rows[0].map(esc).join(' | ')} |`,
    `| ${rows[0].map(() => '---').join(' | ')} |`,
    ...rows.slice(1).map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}

function textTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  const line = (row) => row.map((cell, c) => String(cell).padEnd(widths[c])).join('  ');
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function writeDoc(rows, diagnostics, notes) {
  const file = path.join(repoRoot, 'docs', 'benchmarks.md');
  const start = '<!-- bench:results:start -->';
  const end = '<!-- bench:results:end -->';
  const block = [
    start,
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on this machine (${notes.machine}).`,
    '',
    markdownTable(rows),
    '',
    markdownTable(diagnostics),
    '',
    ...notes.lines.map((l) => `- ${l}`),
    end,
  ].join('\n');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  return path.relative(repoRoot, file);
}

// ---------------------------------------------------------------------------------------------- main
let cleaningUp;
let interrupted = false;
async function cleanUp() {
  cleaningUp ??= (async () => {
    closeSockets();
    agent.destroy();
    await stopStack();
    const results = await Promise.allSettled([
      ...[stack.databases.auth, stack.databases.tasks, stack.ceilingDatabase].map((name) =>
        dropDatabase(databaseUrl(name)),
      ),
      deleteRedisKeys(stack.redisKeyPrefix, process.env.REDIS_URL || 'redis://localhost:6379'),
      deleteTopology(stack.eventsExchange, queues, process.env.AMQP_URL || 'amqp://guest:guest@localhost:5672'),
    ]);
    rmSync(stack.dataDir, { recursive: true, force: true });
    if (stackProcess) rmSync(path.join(repoRoot, '.data', `nginx-${ports.gateway}`), { recursive: true, force: true });
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    for (const error of errors) fail(`cleanup: ${error.message ?? error}`);
    if (!errors.length) ok('Stack stopped; bench databases, Redis keys, exchange and queues removed');
    return errors.length === 0;
  })();
  return cleaningUp;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    fail(`${signal}: stopping the bench stack and cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  const started = Date.now();
  const results = {};
  const notes = [];
  if (!existsSync(path.join(repoRoot, 'frontend', 'dist', 'index.html'))) {
    step('frontend/dist is missing: npm run build --workspace frontend');
    if (
      spawnSync('npm', ['run', 'build', '--workspace', 'frontend'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0
    ) {
      throw new Error('the frontend build failed');
    }
  }

  step(`Starting a bench stack on :${ports.gateway} (run ${runId})`);
  await startStack();
  ok(`Stack ready after ${fmt((Date.now() - started) / 1000)} s`);

  step(`Setting up: ${USERS + 1} users, a project with ${USERS} members and ${TASKS} tasks`);
  const [owner, ...users] = await pool(
    Array.from({ length: USERS + 1 }, (_, i) => i),
    8,
    register,
  );
  await pool([owner, ...users], 20, waitUntilKnown);
  const project = await expectStatus(
    'create project',
    request('POST', `${base}/api/projects`, { token: owner.token, body: { name: 'Bench board' } }),
    201,
  );
  await pool(users, 10, (user) =>
    expectStatus(
      `add member ${user.email}`,
      request('POST', `${base}/api/projects/${project.id}/members`, {
        token: owner.token,
        body: { email: user.email, role: 'member' },
      }),
      200,
      201,
    ),
  );
  const tasks = await pool(
    Array.from({ length: TASKS }, (_, i) => i),
    10,
    (i) =>
      expectStatus(
        `create task ${i}`,
        request('POST', `${base}/api/projects/${project.id}/tasks`, {
          token: owner.token,
          body: { title: `Bench task ${i}` },
        }),
        201,
      ),
  );
  ok(`Set up in ${fmt((Date.now() - started) / 1000)} s (since start)`);

  step(`1. Ceiling: bare node:http + pg, autocannon ${DURATION_S} s × ${CONNECTIONS} connections`);
  results.ceiling = await measureCeiling(project.id);
  ok(`ceiling ${fmt(results.ceiling.rps, 0)} req/s, p99 ${results.ceiling.p99} ms (${results.ceiling.detail})`);
  if (results.ceiling.bad) throw new Error(`the ceiling server failed requests: ${results.ceiling.detail}`);

  step(`2. Board page through nginx, autocannon ${DURATION_S} s × ${CONNECTIONS} connections`);
  const boardUrl = `${base}/api/projects/${project.id}/tasks?limit=50`;
  const check = await request('GET', boardUrl, { token: owner.token });
  if (check.status !== 200 || check.body?.items?.length !== 50)
    throw new Error(`board page: HTTP ${check.status}, ${check.body?.items?.length} items`);
  const gcBefore = await loopStats(ports.tasks);
  results.board = await load(boardUrl, { authorization: `Bearer ${owner.token}` }, { watch: () => cpuSnapshot() });
  const gcAfter = await loopStats(ports.tasks);
  results.board.tasksLoop = gcAfter && { ...gcAfter, gc: gcAfter.gc - (gcBefore?.gc ?? 0) };
  ok(
    `board ${fmt(results.board.rps, 0)} req/s, p50 ${results.board.p50} ms, p99 ${results.board.p99} ms (${results.board.detail})`,
  );
  step('   the same page straight at the tasks service (no nginx), 5 s — a diagnostic');
  results.direct = await load(
    `http://127.0.0.1:${ports.tasks}/api/projects/${project.id}/tasks?limit=50`,
    { authorization: `Bearer ${owner.token}` },
    { seconds: 5, watch: () => cpuSnapshot() },
  );
  ok(
    `direct ${fmt(results.direct.rps, 0)} req/s, p50 ${results.direct.p50} ms, p99 ${results.direct.p99} ms (${results.direct.detail})`,
  );

  step('3. Assignment → notification: waiting for the event queues to drain, then connecting sockets');
  await waitForQueuesToDrain();
  const connect = await connectSockets(users);
  ok(
    `${connect.connected} sockets connected over ${users.length} users${connect.failed ? `, ${connect.failed} failed (${connect.firstError})` : ''}`,
  );
  if (connect.connected === 0) throw new Error('no socket could connect');
  await sleep(1000); // let the connection burst (unread counts) settle
  step(`   PATCHing assignments at ${ASSIGN_RATE}/s for ${ASSIGN_SECONDS} s`);
  const benchLoop = monitorEventLoopDelay({ resolution: 10 });
  benchLoop.enable();
  const cpuBefore = cpuSnapshot();
  // prom-client resets its event-loop histogram on each scrape: these scrapes also start the window.
  const gcBefore3 = {
    tasks: (await loopStats(ports.tasks))?.gc ?? 0,
    notifications: (await loopStats(ports.notifications))?.gc ?? 0,
  };
  const notify = await measureAssignments(owner.token, tasks, users);
  benchLoop.disable();
  const loops = { tasks: await loopStats(ports.tasks), notifications: await loopStats(ports.notifications) };
  for (const name of Object.keys(loops)) if (loops[name]) loops[name].gc -= gcBefore3[name];
  results.notify = {
    ...notify,
    connected: connect.connected,
    users: users.length,
    cpu: cpuPerRequest(cpuBefore, cpuSnapshot(), notify.sent),
    benchLoop: { p99: Math.max(0, benchLoop.percentile(99) / 1e6 - 10), max: Math.max(0, benchLoop.max / 1e6 - 10) },
    loops,
  };
  ok(
    `delivered ${notify.delivered}/${notify.sent}, p50 ${fmt(notify.p50)} ms, p99 ${fmt(notify.p99)} ms, max ${fmt(notify.max)} ms; ` +
      `PATCH p50 ${fmt(notify.patchP50)} ms p99 ${fmt(notify.patchP99)} ms; max in flight ${notify.maxInFlight}; socket disconnects ${notify.disconnects}`,
  );
  if (notify.firstPatchError) fail(`first PATCH error: ${notify.firstPatchError}`);

  step('4. Resident memory of the services (sockets still connected)');
  const pids = servicePids();
  results.memory = {};
  for (const name of ['auth', 'tasks', 'notifications']) {
    if (pids[name]) results.memory[name] = memoryOf(pids[name]);
    else fail(`no process found for ${name}`);
  }

  closeSockets();
  const rows = renderTable(results);
  const diagnostics = renderDiagnostics(results);
  console.log(`\n${textTable(rows)}\n\n${textTable(diagnostics)}\n`);
  notes.push(
    `Ceiling and board: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s after a 2 s warm-up; req/s is the mean of the per-second samples.`,
    `Notifications: ${results.notify.connected} sockets over ${results.notify.users} users (${connect.failed} failed to connect), ` +
      `${results.notify.sent} PATCHes sent open-loop at ${fmt(results.notify.rate, 0)}/s; latency = PATCH sent → first \`notification\` on one of the assignee's sockets.`,
    "Machine factor = this run's ceiling ÷ the SPEC's reference ceiling (4 300 req/s); absolute budgets (ms, MB) are not scaled.",
    `Whole run: ${fmt((Date.now() - started) / 1000, 0)} s.`,
  );
  const broken = [];
  if (results.board.bad) broken.push(`board page answered errors (${results.board.detail})`);
  if (notify.lost || notify.patchErrors)
    broken.push(`${notify.lost} notifications never arrived, ${notify.patchErrors} PATCHes failed`);
  if (connect.failed) notes.push(`${connect.failed} sockets failed to connect: ${connect.firstError}`);
  if (WRITE_DOC) {
    const machine = `${(await import('node:os')).cpus().length} cores, Node ${process.version}`;
    ok(`Results written to ${writeDoc(rows, diagnostics, { machine, lines: notes })}`);
  }
  return broken;
}

let code = 0;
try {
  const broken = await main();
  for (const problem of broken) fail(problem);
  if (broken.length) code = 1;
} catch (error) {
  code = 1;
  if (interrupted) await new Promise(() => {}); // the signal handler cleans up and exits
  fail(`bench failed: ${error.stack ?? error}`);
  if (stackLog.length && !VERBOSE) {
    console.error(paint('2', '  last lines of the stack:'));
    for (const line of stackLog.slice(-40)) console.error(paint('2', `    ${line}`));
  }
}
if (!(await cleanUp())) code = 1;
process.exit(code);
