#!/usr/bin/env node
// `npm run bench`: the performance budgets (scripts/bench/budgets.mjs lists them), each a ratio to a ceiling
// measured in the same run on the same machine, because these machines are shared and noisy.
// Three groups of figures: `stack` (board page, task writes, notifications, memory, with their ceilings) on its
// own throw-away stack (own ports, databases, Redis prefix, exchanges, queues), `board-ui` (the SPA in Chromium,
// on that stack) and `reminders` on a tasks service and database of its own. Prints the tables, writes each
// group's results into docs/benchmarks.md, .json and .svg, stops everything and removes what it created.
// Never an assertion: exits 0 whatever the figures, 1 only when something is broken, 2 for a bad option.
//
// Flags: --only=stack|reminders|board-ui (or `--only reminders`: that group alone; only its results are rewritten),
//        --repeat=N (every group's measurements N times after one setup; medians reported),
//        --reminder-tasks=N (default 1 000 000), --no-write (do not touch docs/benchmarks.*),
//        --sockets=N (default 1000), --users=N (default 200), --duration=S (autocannon seconds, default 10),
//        --verbose (stream the services' output), --profile=DIR (the services run under bench/cpu-profile.mjs and
//        write .cpuprofile files into DIR on stop), --port-offset=N (every bench port + N, beside a stack already
//        on the usual ones).
// The parts: scripts/bench/ (options, the stack, setup, each measurement, the budgets and figures, the report).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fail, ok, paint, repoRoot, step } from './lib/system.mjs';
import { BIG_BOARD, SMALL_BOARD, measureBoardUi } from './bench/board-ui.mjs';
import { boardUiFigures, remindersFigures, stackFigures } from './bench/budgets.mjs';
import { medianFigures } from './bench/figures.mjs';
import { agent } from './bench/http.mjs';
import { closeSockets } from './bench/notifications.mjs';
import {
  CONNECTIONS,
  DURATION_S,
  ONLY,
  REMINDER_TICK_MS,
  REPEAT,
  SOCKETS,
  USERS,
  VERBOSE,
  WRITE_DOC,
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
  boardUiDiagnostics,
  printGroup,
  remindersDiagnostics,
  stackDiagnostics,
  writeResults,
} from './bench/report.mjs';
import { measureStackGroup } from './bench/stack-group.mjs';
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
    if (!errors.length) ok('Stack stopped; bench databases, Redis keys, exchanges and queues removed');
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

const loadAverage = () =>
  loadavg()
    .map((l) => fmt(l, 2))
    .join(', ');

/** What a group's figures were measured on and how: each figure in docs/benchmarks.json carries it. */
function runOf(started, loadBefore) {
  return {
    at: new Date(started).toISOString(),
    machine: `${cpus().length} cores, Node ${process.version}`,
    cpu: cpus()[0]?.model,
    repeat: REPEAT,
    seconds: Math.round((Date.now() - started) / 1000),
    loadAverage: { start: loadBefore, end: loadAverage() },
    options: { sockets: SOCKETS, users: USERS, connections: CONNECTIONS, durationSeconds: DURATION_S },
  };
}

/** Prints a group, writes it (unless --no-write) and resolves what is broken. */
async function report({ group, marker, repeats, diagnostics, lines, broken, started, loadBefore }) {
  const figures = medianFigures(repeats);
  const run = runOf(started, loadBefore);
  printGroup(figures, diagnostics, REPEAT);
  const all = [
    ...lines,
    `Load average (1, 5, 15 min) at the start: ${run.loadAverage.start}; at the end: ${run.loadAverage.end}. Whole group, setup included: ${run.seconds} s.`,
  ];
  if (WRITE_DOC)
    ok(`Results written to ${await writeResults({ group, marker, figures, diagnostics, run, lines: all })}`);
  return broken;
}

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

async function measureStackFigures() {
  const started = Date.now();
  const loadBefore = loadAverage();
  buildFrontend();
  await ensureStack();
  const { rounds, broken, lines } = await measureStackGroup();
  return report({
    group: 'stack',
    marker: 'results',
    repeats: rounds.map(stackFigures),
    diagnostics: stackDiagnostics(rounds.at(-1)),
    lines: REPEAT > 1 ? [...lines, `Diagnostics: the last of the ${REPEAT} rounds.`] : lines,
    broken,
    started,
    loadBefore,
  });
}

async function measureRemindersFigure() {
  const started = Date.now();
  const loadBefore = loadAverage();
  const r = await measureReminders();
  const broken = [];
  for (const [i, run] of r.runs.entries()) {
    if (run.ceiling.claimed !== r.seed.due) broken.push(`pair ${i + 1}: the bare claim claimed ${run.ceiling.claimed}`);
    if (run.product.claimed !== r.seed.due || run.product.published !== r.seed.due)
      broken.push(`pair ${i + 1}: the service claimed ${run.product.claimed}, published ${run.product.published}`);
  }
  if (r.plan.node.includes('task_reminders_due_idx') === false)
    broken.push(`the claim does not use task_reminders_due_idx: ${r.plan.node}`);
  return report({
    group: 'reminders',
    repeats: r.runs.map((run) => remindersFigures(run, r)),
    diagnostics: remindersDiagnostics(r),
    lines: [
      `Due instant: the due rows' \`remind_at\`, set ${DUE_LEAD_MS / 1000} s ahead; the service's scheduler wakes at the next ` +
        `reminder's time (its tick, REMINDER_TICK_MS=${REMINDER_TICK_MS} here and 15 s by default, is the fallback). The end: polled ` +
        `every ${POLL_MS} ms by reading the due-time index's first entry (no due row left unsent: rows and their events commit together).`,
      `${r.runs.length} pair${r.runs.length === 1 ? '' : 's'}, bare claim first, on one seeding; memory: the service's VmHWM from after the seeding.`,
    ],
    broken,
    started,
    loadBefore,
  });
}

async function measureBoardUiFigure() {
  const started = Date.now();
  const loadBefore = loadAverage();
  // Built now, so the size and the speed are of the sources as they are.
  buildFrontend({ fresh: true });
  await ensureStack();
  step(
    `6. The board in Chromium: ${grouped(BIG_BOARD)} cards beside ${SMALL_BOARD}; loads, then a keyboard and a mouse drag` +
      (REPEAT > 1 ? `, ${REPEAT} times` : ''),
  );
  const results = (await measureBoardUi(REPEAT)).map((x) => ({ ...x, bigSize: BIG_BOARD, smallSize: SMALL_BOARD }));
  const r = results.at(-1);
  const broken = [];
  if (r.big.cardsInPage >= BIG_BOARD)
    broken.push(`the ${BIG_BOARD}-card board put every card in the page: not virtualised`);
  return report({
    group: 'board-ui',
    repeats: results.map(boardUiFigures),
    diagnostics: boardUiDiagnostics(r),
    lines: [
      `Chromium ${r.chromium} (Debian's, headless, no GPU), 1440 × 900; each board loaded once to fill the cache, then ${r.big.loads.length} times; ` +
        'render = navigation start → the column counts add up to the board and the next frame has painted (the tasks are fetched in that time).',
      'Drags: the first To do card picked up with Space, carried right twice and down three times, dropped (150 ms between keys); then the second ' +
        'To do card dragged with the mouse to the middle of Done in 40 moves 16 ms apart; long tasks (PerformanceObserver `longtask`) from the ' +
        'pick-up until 1 s after the drop.',
      "Initial JavaScript: the files frontend/dist/index.html loads, gzipped by Node's zlib (level 6). On a busy machine the browser's frames " +
        "wait for a core too, the 50-card board's as much as the 2 000-card one's.",
    ],
    broken,
    started,
    loadBefore,
  });
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
