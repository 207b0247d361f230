#!/usr/bin/env node
// `npm run bench`: the performance budgets (scripts/bench/report.mjs lists them), measured against a ceiling
// taken in the same run, because these machines are shared and noisy.
// Two groups of figures: `stack` (ceiling, board page, notifications, memory) on its own throw-away stack (own
// ports, databases, Redis prefix, exchange, queues), and `reminders` on a tasks service and database of its own.
// Prints the tables, writes each group's into docs/benchmarks.md, stops everything and removes what it created.
// Never an assertion: exits 0 whatever the figures, 1 only when something is broken, 2 for a bad option.
//
// Flags: --only=stack|reminders|board-ui (or `--only reminders`: that group alone; only its results are rewritten),
//        --repeat=N (the reminders figure's pair N times, medians reported), --reminder-tasks=N (default 1 000 000),
//        --no-write (do not touch docs/benchmarks.md), --sockets=N (default 1000), --users=N (default 200),
//        --duration=S (autocannon seconds, default 10), --verbose (stream the services' output),
//        --profile=DIR (the services run under bench/cpu-profile.mjs and write .cpuprofile files into DIR on stop),
//        --port-offset=N (every bench port + N, beside a stack already on the usual ones).
// The parts: scripts/bench/ (options, the stack, setup, each measurement, diagnostics, the report).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { sleep } from './lib/net.mjs';
import { fail, ok, paint, repoRoot, step } from './lib/system.mjs';
import { BIG_BOARD, SMALL_BOARD, measureBoardUi } from './bench/board-ui.mjs';
import { measureCeiling } from './bench/ceiling.mjs';
import { cpuSnapshot, loopStats, memoryOf, servicePids } from './bench/diagnostics.mjs';
import { agent, request } from './bench/http.mjs';
import { load } from './bench/load.mjs';
import { closeSockets, connectSockets, measureNotifications } from './bench/notifications.mjs';
import {
  ASSIGN_RATE,
  ASSIGN_SECONDS,
  CONNECTIONS,
  DURATION_S,
  ONLY,
  REMINDER_TICK_MS,
  TASKS,
  USERS,
  VERBOSE,
  WRITE_DOC,
  base,
  ports,
  runId,
} from './bench/options.mjs';
import {
  DUE_LEAD_MS,
  POLL_MS,
  lastRemindersLines,
  measureReminders,
  stopRemindersService,
} from './bench/reminders.mjs';
import {
  REFERENCE_CEILING,
  renderBoardUiDiagnostics,
  renderBoardUiTable,
  renderDiagnostics,
  renderRemindersDiagnostics,
  renderRemindersTable,
  renderTable,
  textTable,
  writeDoc,
} from './bench/report.mjs';
import { setUpBoard, waitForQueuesToDrain } from './bench/setup.mjs';
import { lastStackLines, removeStackState, startStack, stopStack } from './bench/stack.mjs';
import { fmt, grouped } from './bench/stats.mjs';

let cleaningUp;
let interrupted = false;
async function cleanUp() {
  cleaningUp ??= (async () => {
    closeSockets();
    agent.destroy();
    await stopRemindersService();
    await stopStack();
    const errors = await removeStackState();
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

/** 2. The board page through nginx, then the same page straight at the tasks service (a diagnostic). */
async function measureBoard(project, owner) {
  const boardUrl = `${base}/api/projects/${project.id}/tasks?limit=50`;
  const check = await request('GET', boardUrl, { token: owner.token });
  if (check.status !== 200 || check.body?.items?.length !== 50)
    throw new Error(`board page: HTTP ${check.status}, ${check.body?.items?.length} items`);
  const headers = { authorization: `Bearer ${owner.token}` };
  const gcBefore = await loopStats(ports.tasks);
  const board = await load(boardUrl, headers, { watch: () => cpuSnapshot() });
  const gcAfter = await loopStats(ports.tasks);
  board.tasksLoop = gcAfter && { ...gcAfter, gc: gcAfter.gc - (gcBefore?.gc ?? 0) };
  ok(`board ${fmt(board.rps, 0)} req/s, p50 ${board.p50} ms, p99 ${board.p99} ms (${board.detail})`);
  step('   the same page straight at the tasks service (no nginx), 5 s — a diagnostic');
  const direct = await load(`http://127.0.0.1:${ports.tasks}/api/projects/${project.id}/tasks?limit=50`, headers, {
    seconds: 5,
    watch: () => cpuSnapshot(),
  });
  ok(`direct ${fmt(direct.rps, 0)} req/s, p50 ${direct.p50} ms, p99 ${direct.p99} ms (${direct.detail})`);
  return { board, direct };
}

const machine = () => `${cpus().length} cores, Node ${process.version}`;

/** Builds the SPA into frontend/dist: when it is missing, or always (`fresh`) for figures measured on the build itself. */
function buildFrontend({ fresh = false } = {}) {
  if (!fresh && existsSync(path.join(repoRoot, 'frontend', 'dist', 'index.html'))) return;
  step(
    fresh
      ? 'Building the SPA (its size and speed are measured)'
      : 'frontend/dist is missing: npm run build --workspace frontend',
  );
  if (spawnSync('npm', ['run', 'build', '--workspace', 'frontend'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) {
    throw new Error('the frontend build failed');
  }
}

/** The bench stack, started once for every group that runs on it. */
let stackStarted;
function ensureStack() {
  stackStarted ??= (async () => {
    const started = Date.now();
    step(`Starting a bench stack on :${ports.gateway} (run ${runId})`);
    await startStack();
    ok(`Stack ready after ${fmt((Date.now() - started) / 1000)} s`);
  })();
  return stackStarted;
}

/** Figures 1–4 on the bench stack; resolves what is broken. */
async function measureStackFigures() {
  const started = Date.now();
  const results = {};
  const notes = [];
  buildFrontend();
  await ensureStack();

  step(`Setting up: ${USERS + 1} users, a project with ${USERS} members and ${TASKS} tasks`);
  const { owner, users, project, tasks } = await setUpBoard();
  ok(`Set up in ${fmt((Date.now() - started) / 1000)} s (since start)`);

  step(`1. Ceiling: bare node:http + pg, autocannon ${DURATION_S} s × ${CONNECTIONS} connections`);
  results.ceiling = await measureCeiling(project.id);
  ok(`ceiling ${fmt(results.ceiling.rps, 0)} req/s, p99 ${results.ceiling.p99} ms (${results.ceiling.detail})`);
  if (results.ceiling.bad) throw new Error(`the ceiling server failed requests: ${results.ceiling.detail}`);

  step(`2. Board page through nginx, autocannon ${DURATION_S} s × ${CONNECTIONS} connections`);
  Object.assign(results, await measureBoard(project, owner));

  step('3. Assignment → notification: waiting for the event queues to drain, then connecting sockets');
  await waitForQueuesToDrain();
  const connect = await connectSockets(users);
  ok(
    `${connect.connected} sockets connected over ${users.length} users${connect.failed ? `, ${connect.failed} failed (${connect.firstError})` : ''}`,
  );
  if (connect.connected === 0) throw new Error('no socket could connect');
  await sleep(1000); // let the connection burst (unread counts) settle
  step(`   PATCHing assignments at ${ASSIGN_RATE}/s for ${ASSIGN_SECONDS} s`);
  const notify = await measureNotifications(owner.token, tasks, users);
  results.notify = { ...notify, connected: connect.connected, users: users.length };
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
    `Machine factor = this run's ceiling ÷ the reference ceiling the budgets were set against (≈ ${grouped(REFERENCE_CEILING.rps)} req/s on 2 cores); absolute budgets (ms, MB) are not scaled.`,
    `Whole run: ${fmt((Date.now() - started) / 1000, 0)} s.`,
  );
  const broken = [];
  if (results.board.bad) broken.push(`board page answered errors (${results.board.detail})`);
  if (notify.lost || notify.patchErrors)
    broken.push(`${notify.lost} notifications never arrived, ${notify.patchErrors} PATCHes failed`);
  if (connect.failed) notes.push(`${connect.failed} sockets failed to connect: ${connect.firstError}`);
  if (WRITE_DOC)
    ok(`Results written to ${writeDoc('results', rows, diagnostics, { machine: machine(), lines: notes })}`);
  return broken;
}

/** Figure 5, the reminders; resolves what is broken. */
async function measureRemindersFigure() {
  const started = Date.now();
  const load = () =>
    loadavg()
      .map((l) => fmt(l, 2))
      .join(', ');
  const loadBefore = load();
  const r = await measureReminders();
  const rows = renderRemindersTable(r);
  const diagnostics = renderRemindersDiagnostics(r);
  console.log(`\n${textTable(rows)}\n\n${textTable(diagnostics)}\n`);
  const notes = [
    `Due instant: the due rows' \`remind_at\`, set ${DUE_LEAD_MS / 1000} s ahead; the service's scheduler ticks every ${REMINDER_TICK_MS} ms ` +
      `(REMINDER_TICK_MS, 15 s by default), so up to one tick of the figure is waiting for it. The end: polled every ${POLL_MS} ms ` +
      `(no due row left unsent: rows and their events commit together).`,
    `${r.runs.length} pair${r.runs.length === 1 ? '' : 's'}, bare claim first; the figures are medians (nearest rank), the ratio the median of the pairs' ratios.`,
    `Load average (1, 5, 15 min) at the start: ${loadBefore}; at the end: ${load()}. Whole figure, seeding included: ${fmt((Date.now() - started) / 1000, 0)} s.`,
  ];
  const broken = [];
  for (const [i, run] of r.runs.entries()) {
    if (run.ceiling.claimed !== r.seed.due) broken.push(`pair ${i + 1}: the bare claim claimed ${run.ceiling.claimed}`);
    if (run.product.claimed !== r.seed.due || run.product.published !== r.seed.due)
      broken.push(`pair ${i + 1}: the service claimed ${run.product.claimed}, published ${run.product.published}`);
  }
  if (r.plan.node.includes('task_reminders_due_idx') === false)
    broken.push(`the claim does not use task_reminders_due_idx: ${r.plan.node}`);
  if (WRITE_DOC)
    ok(`Results written to ${writeDoc('reminders', rows, diagnostics, { machine: machine(), lines: notes })}`);
  return broken;
}

/** Figure 6, the board in Chromium; resolves what is broken. */
async function measureBoardUiFigure() {
  const started = Date.now();
  const loadBefore = loadavg()
    .map((l) => fmt(l, 2))
    .join(', ');
  // Built now, so the size and the speed are of the sources as they are.
  buildFrontend({ fresh: true });
  await ensureStack();
  step(
    `6. The board in Chromium: ${grouped(BIG_BOARD)} cards beside ${SMALL_BOARD}; loads, then a keyboard and a mouse drag`,
  );
  const r = { ...(await measureBoardUi()), bigSize: BIG_BOARD, smallSize: SMALL_BOARD };
  const rows = renderBoardUiTable(r);
  const diagnostics = renderBoardUiDiagnostics(r);
  console.log(`\n${textTable(rows)}\n\n${textTable(diagnostics)}\n`);
  const notes = [
    `Chromium ${r.chromium} (Debian's, headless, no GPU), 1440 × 900; each board loaded once to fill the cache, then ${r.big.loads.length} times; ` +
      'render = navigation start → the column counts add up to the board and the next frame has painted (the tasks are fetched in that time).',
    'Drags: the first To do card picked up with Space, carried right twice and down three times, dropped (150 ms between keys); then the second ' +
      'To do card dragged with the mouse to the middle of Done in 40 moves 16 ms apart; long tasks (PerformanceObserver `longtask`) from the ' +
      'pick-up until 1 s after the drop.',
    `Initial JavaScript: the files frontend/dist/index.html loads, gzipped by Node's zlib (level 6). Whole figure, setup included: ${fmt((Date.now() - started) / 1000, 0)} s.`,
    `Load average (1, 5, 15 min) at the start: ${loadBefore}; at the end: ${loadavg()
      .map((l) => fmt(l, 2))
      .join(
        ', ',
      )} — on a busy machine the browser's frames wait for a core too, the 50-card board's as much as the 2 000-card one's.`,
  ];
  const broken = [];
  if (r.big.cardsInPage >= BIG_BOARD)
    broken.push(`the ${BIG_BOARD}-card board put every card in the page: not virtualised`);
  if (WRITE_DOC)
    ok(`Results written to ${writeDoc('board-ui', rows, diagnostics, { machine: machine(), lines: notes })}`);
  return broken;
}

async function main() {
  const broken = [];
  if (ONLY.has('stack')) broken.push(...(await measureStackFigures()));
  if (ONLY.has('board-ui')) broken.push(...(await measureBoardUiFigure()));
  if (ONLY.has('reminders')) broken.push(...(await measureRemindersFigure()));
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
  for (const [what, lines] of [
    ['the stack', lastStackLines(40)],
    ['the reminders figure’s tasks service', lastRemindersLines(40)],
  ]) {
    if (!lines.length || VERBOSE) continue;
    console.error(paint('2', `  last lines of ${what}:`));
    for (const line of lines) console.error(paint('2', `    ${line}`));
  }
}
if (!(await cleanUp())) code = 1;
process.exit(code);
