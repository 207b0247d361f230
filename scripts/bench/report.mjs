// The report: each group's figures (product beside its ceiling measured in the same run, the ratio, the budget,
// the verdict) and a diagnostics table, printed as text and written three ways — as Markdown into
// docs/benchmarks.md between that group's markers (the rest of the file is prose kept by hand), as JSON into
// docs/benchmarks.json (one object per figure) and as a chart, docs/benchmarks.svg, drawn from that JSON — so a
// run of one group leaves the others' last results in place in all three.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { repoRoot } from '../lib/system.mjs';
import { cpuText } from './diagnostics.mjs';
import { budget, figure, figureRows } from './figures.mjs';
import { ASSIGN_RATE, FIGURE_GROUPS, SLOW_WRITE_MS, SOCKETS, USERS, WRITE_RATE, WRITE_SECONDS } from './options.mjs';
import { fmt, grouped, pct } from './stats.mjs';
import { renderSvg } from './svg.mjs';

/**
 * The ceiling of a quiet 2-core machine, when the budgets were first set. Only the ratio to it (the machine
 * factor, a diagnostic) is reported: every budget is a ratio to this run's own ceilings, or a size.
 */
export const REFERENCE_CEILING = { rps: 4300, p99Ms: 21 };

/** The performance budgets: each a ratio to a ceiling measured in the same run, except sizes and the browser's. */
export const BUDGETS = {
  /** Board page req/s at 50 connections, as a share of the bare server's. */
  boardThroughputOfCeiling: 0.6,
  /** Board page p99 at a fixed rate of half the ceiling's throughput, as a multiple of the bare server's p99 there. */
  boardOpenLoopP99OfCeiling: 2,
  /** Assigned → notification p50 and p99, as multiples of the raw event chain's at the same rate and sockets. */
  notificationP50OfChain: 3,
  notificationP99OfChain: 3,
  /** Due → last reminder event in the outbox, as a multiple of the bare claim of the same rows. */
  remindersOfBareClaim: 2,
  /** Each service's peak resident memory under the loads. */
  serviceRssMb: 150,
  /** The SPA: what index.html loads, gzipped; a 2 000-card board rendered; a drag's frames (a long task is > 50 ms). */
  initialJsKb: 200,
  boardRenderMs: 1000,
};

const atMost = (limit, text) => budget('ratio', '<=', limit, text ?? `≤ ${limit}× the ceiling's`);
const rssFigure = (id, name, m) =>
  figure({
    id,
    name: `Resident memory of ${name} under the loads, peak — MB`,
    label: `Peak memory of ${name}`,
    unit: 'MB',
    digits: 0,
    product: m.peak,
    extras: { 'after the load': m.rss },
    budget: budget('value', '<=', BUDGETS.serviceRssMb, `≤ ${BUDGETS.serviceRssMb} MB`),
  });

/** Assigned → notification at one percentile, beside the raw event chain's. */
const notificationFigure = (p, r, extras) =>
  figure({
    id: `notification-${p}`,
    label: `Assigned → notification, ${p}`,
    name:
      p === 'p50'
        ? `Assigned (PATCH sent) → \`notification\` on the assignee's socket, ${grouped(SOCKETS)} sockets / ${USERS} users, ${ASSIGN_RATE}/s — p50 (ms)`
        : `Assigned → \`notification\` — ${p} (ms)`,
    unit: 'ms',
    product: r.notify[p],
    extras: Object.keys(extras).length ? extras : undefined,
    reference: { name: 'raw chain', value: r.chain[p] },
    budget: atMost(
      BUDGETS[`notification${p.toUpperCase()}OfChain`],
      `≤ ${BUDGETS[`notification${p.toUpperCase()}OfChain`]}× the raw chain's`,
    ),
  });

/** The stack group's figures of one repeat. */
export function stackFigures(r) {
  const bare = 'bare node:http + pg';
  const figures = [
    figure({
      id: 'board-rps',
      label: 'Board page req/s, 50 connections',
      name: 'Board page: GET 50 tasks via nginx, authenticated, 50 connections (closed loop) — req/s',
      unit: 'req/s',
      digits: 0,
      product: r.board.rps,
      reference: { name: bare, value: r.ceiling.rps },
      budget: budget(
        'ratio',
        '>=',
        BUDGETS.boardThroughputOfCeiling,
        `≥ ${BUDGETS.boardThroughputOfCeiling}× (${pct(BUDGETS.boardThroughputOfCeiling)}) the ceiling's`,
      ),
    }),
    figure({
      id: 'board-closed-p99',
      name: 'Board page, 50 connections (closed loop) — p99 (ms)',
      unit: 'ms',
      product: r.board.p99,
      extras: { p50: r.board.p50 },
      reference: { name: bare, value: r.ceiling.p99 },
    }),
    figure({
      id: 'board-open-p99',
      label: "Board page p99 at half the ceiling's rate",
      name: "Board page at a fixed rate of half the ceiling's throughput (open loop) — p99 (ms)",
      unit: 'ms',
      product: r.boardOpen.p99,
      extras: { p50: r.boardOpen.p50, 'req/s offered': r.openRate, answered: r.boardOpen.rps },
      reference: { name: `${bare} at the same rate`, value: r.ceilingOpen.p99 },
      budget: atMost(BUDGETS.boardOpenLoopP99OfCeiling),
    }),
    figure({
      id: 'writes-p99',
      name: `Task writes: PATCH title / status / assignee via nginx, ${WRITE_RATE}/s open loop, ${WRITE_SECONDS} s — p99 (ms)`,
      unit: 'ms',
      product: r.writes.p99,
      extras: { p50: r.writes.p50, max: r.writes.max, [`over ${SLOW_WRITE_MS} ms`]: r.writes.slow },
      reference: { name: "board page's open-loop p99", value: r.boardOpen.p99 },
    }),
    notificationFigure('p50', r, {}),
    notificationFigure('p99', r, { max: r.notify.max }),
    figure({
      id: 'notification-delivered',
      label: 'Notifications delivered',
      name: 'Assigned → `notification` — delivered',
      unit: '',
      digits: 0,
      product: r.notify.delivered,
      reference: { name: 'sent', value: r.notify.sent },
      budget: budget('ratio', '>=', 1, 'all (none lost)'),
    }),
    figure({
      id: 'assignment-patch-p99',
      name: 'PATCH /api/tasks/:id, the assignment itself — p99 (ms)',
      unit: 'ms',
      product: r.notify.patchP99,
      extras: { p50: r.notify.patchP50 },
    }),
  ];
  for (const [name, m] of Object.entries(r.memory)) figures.push(rssFigure(`rss-${name}`, name, m));
  return figures;
}

const loop = (l) =>
  l ? `event-loop lag p99 ${fmt(l.lagP99)} ms, max ${fmt(l.lagMax)} ms, GC ${fmt(l.gc * 1000, 0)} ms` : 'n/a';

/** Where the stack's time went (the last repeat): not budgets, just figures to explain the table. */
export function stackDiagnostics(r) {
  const rows = [['Diagnostic', 'This run']];
  rows.push([
    'Ceiling: bare node:http + pg, 50 connections — req/s, p50 / p99 ms; machine factor',
    `${fmt(r.ceiling.rps, 0)}, ${fmt(r.ceiling.p50)} / ${fmt(r.ceiling.p99)}; ${fmt(r.ceiling.rps / REFERENCE_CEILING.rps, 2)} ` +
      `(÷ ${grouped(REFERENCE_CEILING.rps)} req/s, the quiet 2-core machine the budgets were first set on)`,
  ]);
  rows.push([
    'Open loop at half the ceiling — req/s achieved, p50 / p99 / max ms: ceiling; board',
    `${fmt(r.ceilingOpen.rps, 0)}, ${fmt(r.ceilingOpen.p50)} / ${fmt(r.ceilingOpen.p99)} / ${fmt(r.ceilingOpen.max)}; ` +
      `${fmt(r.boardOpen.rps, 0)}, ${fmt(r.boardOpen.p50)} / ${fmt(r.boardOpen.p99)} / ${fmt(r.boardOpen.max)}`,
  ]);
  rows.push(['CPU per request — ceiling', cpuText(r.ceiling.cpu)]);
  rows.push(['CPU per request — board via nginx', cpuText(r.board.cpu)]);
  rows.push(['tasks during the board load', loop(r.board.tasksLoop)]);
  rows.push([
    'Board straight at tasks (no nginx), 5 s — req/s, p50 / p99 ms',
    `${fmt(r.direct.rps, 0)} (${pct(r.direct.rps / r.ceiling.rps)} of ceiling), ${fmt(r.direct.p50)} / ${fmt(r.direct.p99)}`,
  ]);
  rows.push(['CPU per request — board straight at tasks', cpuText(r.direct.cpu)]);
  rows.push([
    'Task writes — sent, rate offered, errors, most in flight',
    `${r.writes.sent}, ${fmt(r.writes.rate, 1)}/s, ${r.writes.errors}${r.writes.firstError ? ` (${r.writes.firstError})` : ''}, ${r.writes.maxInFlight}`,
  ]);
  rows.push([
    'Raw event chain — delivered / sent, p50 / p99 / max ms, sockets',
    `${r.chain.delivered} / ${r.chain.sent}, ${fmt(r.chain.p50)} / ${fmt(r.chain.p99)} / ${fmt(r.chain.max)}, ` +
      `${r.chain.connected} connected straight to it (${r.chain.failed} failed)`,
  ]);
  rows.push(['CPU per event — raw chain', cpuText(r.chain.cpu)]);
  rows.push(['CPU per assignment (PATCH + its events)', cpuText(r.notify.cpu)]);
  rows.push(['tasks during the assignments', loop(r.notify.loops.tasks)]);
  rows.push(['notifications during the assignments', loop(r.notify.loops.notifications)]);
  rows.push([
    `bench client (${r.notify.connected} sockets + PATCH sender); during the raw chain`,
    `event-loop lag p99 ${fmt(r.notify.benchLoop.p99)} ms, max ${fmt(r.notify.benchLoop.max)} ms; max PATCHes in flight ${r.notify.maxInFlight}; ` +
      `socket disconnects ${r.notify.disconnects}; chain: lag p99 ${fmt(r.chain.benchLoop.p99)} ms, max ${fmt(r.chain.benchLoop.max)} ms`,
  ]);
  return rows;
}

/** The reminders group's figures of one pair (bare claim, then the service). */
export function remindersFigures(run, r) {
  const figures = [
    figure({
      id: 'reminders-seconds',
      label: 'Reminders: due → all in the outbox',
      name:
        `Reminders: due → last \`task.reminder_due\` committed to the outbox by the tasks service ` +
        `(${grouped(r.seed.due)} due among ${grouped(r.tasks)} tasks, tick ${r.tickMs} ms) — s`,
      unit: 's',
      digits: 2,
      product: run.product.ms / 1000,
      reference: { name: `bare \`FOR UPDATE SKIP LOCKED\` claim, batches of ${r.batch}`, value: run.ceiling.ms / 1000 },
      budget: atMost(BUDGETS.remindersOfBareClaim, `≤ ${BUDGETS.remindersOfBareClaim}× the bare claim's time`),
    }),
    figure({
      id: 'reminders-claimed',
      label: 'Reminders claimed and published',
      name: 'Reminders claimed (events published to RabbitMQ)',
      unit: '',
      digits: 0,
      product: Math.min(run.product.claimed, run.product.published),
      extras: { claimed: run.product.claimed, published: run.product.published },
      reference: { name: 'due', value: r.seed.due },
      budget: budget('ratio', '>=', 1, 'all'),
    }),
  ];
  if (run.product.memory) figures.push(rssFigure('rss-reminders', 'the reminders’ tasks service', run.product.memory));
  return figures;
}

export function remindersDiagnostics(r) {
  const s = r.seed.seconds;
  const last = r.runs.at(-1);
  const rows = [['Diagnostic', 'This run']];
  rows.push(['Claim plan: EXPLAIN of the service’s claim query', r.plan.node]);
  rows.push([
    'Seeding (one INSERT … SELECT per table), s',
    `${grouped(r.tasks)} tasks ${fmt(s.tasks)}, ${grouped(r.seed.rows)} reminder rows ${fmt(s.reminders)} ` +
      `(${grouped(r.seed.pending)} pending), VACUUM ANALYZE ${fmt(s.vacuum)}` +
      (r.seed.foreignKeysSkipped ? '; foreign-key triggers skipped' : ''),
  ]);
  rows.push([
    'Service: due → first claim (the tick) / → last batch claimed / → all published, ms (each pair)',
    r.runs
      .map(
        (x) => `${fmt(x.product.tickWaitMs, 0)} / ${fmt(x.product.lastBatchMs, 0)} / ${fmt(x.product.publishedMs, 0)}`,
      )
      .join('; '),
  ]);
  rows.push([
    'Batches: service / bare claim',
    `${r.runs[0].product.batches} / ${r.runs[0].ceiling.batches} (the bare claim counts its closing empty one)`,
  ]);
  rows.push(['CPU per reminder — bare claim', cpuText(last.ceiling.cpu)]);
  rows.push(['CPU per reminder — service (claim, outbox, relay)', cpuText(last.product.cpu)]);
  rows.push([
    'Each pair: service / bare claim (s), ratio',
    r.runs
      .map((x) => `${fmt(x.product.ms / 1000, 2)} / ${fmt(x.ceiling.ms / 1000, 2)}, ${fmt(x.ratio, 2)}×`)
      .join('; '),
  ]);
  return rows;
}

/** The board-ui group's figures of one repeat: each beside the same page with 50 cards, measured in the same run. */
export function boardUiFigures(r) {
  const small = `${r.smallSize}-card board`;
  const figures = [
    figure({
      id: 'spa-initial-js',
      label: 'SPA initial JavaScript, gzipped',
      name: `SPA: initial JavaScript (the ${r.initial.files.length} script${r.initial.files.length === 1 ? '' : 's'} index.html loads), gzipped — KB`,
      unit: 'KB',
      product: r.initial.kb,
      budget: budget('value', '<=', BUDGETS.initialJsKb, `≤ ${BUDGETS.initialJsKb} KB`),
    }),
    figure({
      id: 'board-render',
      label: `${grouped(r.bigSize)}-card board rendered`,
      name: `Board of ${grouped(r.bigSize)} cards in Chromium: navigation → every column rendered — ms (median of ${r.big.loads.length} loads)`,
      unit: 'ms',
      digits: 0,
      product: r.big.renderMs,
      reference: { name: small, value: r.small.renderMs },
      budget: budget('value', '<=', BUDGETS.boardRenderMs, `≤ ${grouped(BUDGETS.boardRenderMs)} ms`),
    }),
  ];
  for (const kind of ['keyboard', 'mouse']) {
    figures.push(
      figure({
        id: `board-drag-${kind}`,
        label: `${grouped(r.bigSize)}-card board, ${kind} drag: long tasks`,
        name: `Board of ${grouped(r.bigSize)} cards: long tasks during a ${kind} drag across columns — count`,
        unit: 'long tasks',
        digits: 0,
        product: r.big[kind].count,
        extras: { 'longest ms': r.big[kind].longest },
        reference: { name: small, value: r.small[kind].count },
        budget: budget('value', '<=', 0, 'none (every frame < 50 ms)'),
      }),
    );
  }
  return figures;
}

export function boardUiDiagnostics(r) {
  const { big, small } = r;
  const frames = (d) =>
    `longest ${fmt(d.longestFrame, 0)} ms, p95 ${fmt(d.frameP95, 0)} ms, long tasks total ${fmt(d.total, 0)} ms`;
  return [
    ['Diagnostic', 'This run'],
    ['Initial scripts', r.initial.files.join(', ')],
    [
      'Cards in the page (virtualised columns)',
      `${r.bigSize}-card board: ${big.cardsInPage}; ${r.smallSize}-card board: ${small.cardsInPage}`,
    ],
    [
      'Each load, ms',
      `${r.bigSize}: ${big.loads.map((x) => fmt(x, 0)).join(', ')}; ${r.smallSize}: ${small.loads.map((x) => fmt(x, 0)).join(', ')}`,
    ],
    [
      'Navigation → the last task list answered, ms (median)',
      `${r.bigSize}: ${fmt(big.tasksFetchedMs, 0)}; ${r.smallSize}: ${fmt(small.tasksFetchedMs, 0)}`,
    ],
    [
      'Frames during the keyboard drag',
      `${r.bigSize}: ${frames(big.keyboard)}; ${r.smallSize}: ${frames(small.keyboard)}`,
    ],
    ['Frames during the mouse drag', `${r.bigSize}: ${frames(big.mouse)}; ${r.smallSize}: ${frames(small.mouse)}`],
    ['JS heap after the loads, MB', `${r.bigSize}: ${fmt(big.heapMb, 0)}; ${r.smallSize}: ${fmt(small.heapMb, 0)}`],
  ];
}

function markdownTable(rows) {
  const esc = (cell) => String(cell).replaceAll('|', '\\|');
  return [
    `| ${rows[0].map(esc).join(' | ')} |`,
    `| ${rows[0].map(() => '---').join(' | ')} |`,
    ...rows.slice(1).map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function textTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  const line = (row) => row.map((cell, c) => String(cell).padEnd(widths[c])).join('  ');
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Prints a group's figures and diagnostics as text tables. */
export function printGroup(figures, diagnostics, repeats) {
  console.log(`\n${textTable(figureRows(figures, { repeats }))}\n\n${textTable(diagnostics)}\n`);
}

const docsFile = (name) => path.join(repoRoot, 'docs', name);
const GROUP_TITLES = {
  stack: 'Stack: board page, task writes, notifications, memory',
  reminders: 'Reminders',
  'board-ui': 'SPA and the board in Chromium',
};

/** Writes one group's Markdown block (between `bench:<marker>` markers) and leaves every other block alone. */
function writeMarkdown(marker, figures, diagnostics, run, lines) {
  const file = docsFile('benchmarks.md');
  const start = `<!-- bench:${marker}:start -->`;
  const end = `<!-- bench:${marker}:end -->`;
  const block = [
    start,
    `Run of ${run.at.slice(0, 16).replace('T', ' ')} UTC on this machine (${run.machine})` +
      (run.repeat > 1 ? `; every figure and ratio is the median of ${run.repeat} repeats.` : '.'),
    '',
    markdownTable(figureRows(figures, { repeats: run.repeat })),
    '',
    markdownTable(diagnostics),
    '',
    ...lines.map((l) => `- ${l}`),
    end,
  ].join('\n');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  writeFileSync(
    file,
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`,
  );
}

/** docs/benchmarks.json with this group's figures replaced (each carrying its run); resolves every figure in it. */
async function writeJson(group, figures, run) {
  const file = docsFile('benchmarks.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).figures ?? []) : [];
  const next = [...previous.filter((f) => f.group !== group), ...figures.map((f) => ({ group, ...f, run }))].sort(
    (a, b) => FIGURE_GROUPS.indexOf(a.group) - FIGURE_GROUPS.indexOf(b.group),
  );
  const doc = {
    about:
      'Written by `npm run bench` (scripts/bench/report.mjs); see docs/benchmarks.md. One object per figure: product, ' +
      'its ceiling or reference measured in the same run, their ratio, the budget (on the ratio or on the value) and ' +
      'the verdict; `run` is the run that measured it (a run of one group replaces only that group).',
    figures: next,
  };
  // Four significant digits: the machines are noisier than that.
  const rounded = (_key, value) =>
    typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)
      ? Number(value.toPrecision(4))
      : value;
  // As prettier writes it, so `npm run lint` (prettier --check .) passes on what the bench wrote.
  writeFileSync(file, await format(JSON.stringify(doc, rounded), { parser: 'json' }));
  return next;
}

/**
 * Writes a group's results into docs/benchmarks.md (block `marker`), docs/benchmarks.json and the chart
 * docs/benchmarks.svg drawn from every group's last figures.
 */
export async function writeResults({ group, marker = group, figures, diagnostics, run, lines }) {
  writeMarkdown(marker, figures, diagnostics, run, lines);
  const all = await writeJson(group, figures, run);
  const groups = FIGURE_GROUPS.map((g) => ({
    title: `${GROUP_TITLES[g]}${all.find((f) => f.group === g) ? ` — ${all.find((f) => f.group === g).run.at.slice(0, 10)}` : ''}`,
    figures: all.filter((f) => f.group === g),
  }));
  writeFileSync(docsFile('benchmarks.svg'), renderSvg(groups));
  return ['docs/benchmarks.md', 'docs/benchmarks.json', 'docs/benchmarks.svg'].join(', ');
}
