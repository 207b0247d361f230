// The report: for each figure group (the stack's figures; the reminders figure) a budgets table and a diagnostics
// table, printed as text and written as Markdown into docs/benchmarks.md between that group's markers (the rest
// of the file is prose kept by hand), so a run of one group leaves the other's last results in place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/system.mjs';
import { cpuText } from './diagnostics.mjs';
import { fmt, grouped, pct, percentile } from './stats.mjs';

/**
 * The reference ceiling the budgets were set against: the same ceiling server on a quiet 2-core machine. Only
 * the ratio to it (the machine factor) is reported; the budgets themselves are not scaled by it.
 */
export const REFERENCE_CEILING = { rps: 4300, p99Ms: 21 };

/** The performance budgets: throughput as a share of this run's ceiling, latency and memory absolute. */
export const BUDGETS = {
  boardShareOfCeiling: 0.6,
  boardP99Ms: 30,
  notificationP50Ms: 15,
  notificationP99Ms: 30,
  serviceRssMb: 150,
  /** Due → last reminder event in the outbox, as a multiple of the bare claim of the same rows. */
  remindersOfBareClaim: 2,
  /** The SPA: what index.html loads, gzipped; a 2 000-card board rendered; a drag's frames (a long task is > 50 ms). */
  initialJsKb: 200,
  boardRenderMs: 1000,
};

const verdict = (good) => (good === undefined ? '' : good ? 'ok' : 'OVER');

export function renderTable(r) {
  const rows = [['Figure', 'This run', 'Ratio to ceiling', 'Budget', 'Verdict']];
  rows.push([
    'Ceiling: bare node:http + pg, 50-row indexed SELECT — req/s',
    fmt(r.ceiling.rps, 0),
    '100 %',
    `reference ≈ ${grouped(REFERENCE_CEILING.rps)} (machine factor ${fmt(r.ceiling.rps / REFERENCE_CEILING.rps, 2)})`,
    '',
  ]);
  rows.push([
    'Ceiling — p50 / p99 latency (ms)',
    `${fmt(r.ceiling.p50)} / ${fmt(r.ceiling.p99)}`,
    '',
    `reference p99 ${REFERENCE_CEILING.p99Ms} ms`,
    '',
  ]);
  if (r.board) {
    const ratio = r.board.rps / r.ceiling.rps;
    rows.push([
      'Board page: GET 50 tasks via nginx, authenticated — req/s',
      fmt(r.board.rps, 0),
      pct(ratio),
      `≥ ${pct(BUDGETS.boardShareOfCeiling)} of the ceiling`,
      verdict(ratio >= BUDGETS.boardShareOfCeiling),
    ]);
    rows.push([
      'Board page — p50 / p99 latency (ms)',
      `${fmt(r.board.p50)} / ${fmt(r.board.p99)}`,
      `p99 ${fmt(r.board.p99 / r.ceiling.p99, 2)}× ceiling's`,
      `p99 ≤ ${BUDGETS.boardP99Ms} ms at 50 connections`,
      verdict(r.board.p99 <= BUDGETS.boardP99Ms),
    ]);
  }
  if (r.notify) {
    const n = r.notify;
    rows.push([
      `Assigned → \`notification\` (${n.connected} sockets / ${n.users} users, ${fmt(n.rate, 0)} assignments/s) — p50 (ms)`,
      fmt(n.p50),
      '',
      `p50 ≤ ${BUDGETS.notificationP50Ms} ms`,
      verdict(n.p50 <= BUDGETS.notificationP50Ms),
    ]);
    rows.push([
      'Assigned → `notification` — p99 / max (ms)',
      `${fmt(n.p99)} / ${fmt(n.max)}`,
      '',
      `p99 ≤ ${BUDGETS.notificationP99Ms} ms`,
      verdict(n.p99 <= BUDGETS.notificationP99Ms),
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
      `≤ ${BUDGETS.serviceRssMb} MB`,
      verdict(m.rss <= BUDGETS.serviceRssMb),
    ]);
  }
  return rows;
}

/** Where the time went: not budgets, just figures to explain the table. */
export function renderDiagnostics(r) {
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
      `bench client (${r.notify.connected} sockets + PATCH sender)`,
      `event-loop lag p99 ${fmt(r.notify.benchLoop.p99)} ms, max ${fmt(r.notify.benchLoop.max)} ms; max PATCHes in flight ${r.notify.maxInFlight}; socket disconnects ${r.notify.disconnects}`,
    ]);
  }
  return rows;
}

/** The reminders figure, in the same columns as the stack's table. */
export function renderRemindersTable(r) {
  const last = r.runs.at(-1).product;
  const rows = [['Figure', 'This run', 'Ratio to ceiling', 'Budget', 'Verdict']];
  rows.push([
    `Ceiling: bare \`FOR UPDATE SKIP LOCKED\` claim of ${grouped(r.runs[0].ceiling.claimed)} due reminders, ` +
      `batches of ${r.batch}, each marking sent + one outbox-shaped row per claim — s`,
    fmt(r.ceilingMs / 1000, 2),
    '100 %',
    '',
    '',
  ]);
  rows.push([
    `Reminders: due → last \`task.reminder_due\` committed to the outbox by the tasks service ` +
      `(${grouped(r.seed.due)} due among ${grouped(r.tasks)} tasks, tick ${r.tickMs} ms) — s`,
    fmt(r.productMs / 1000, 2),
    `${fmt(r.ratio, 2)}×`,
    `≤ ${BUDGETS.remindersOfBareClaim}× the bare claim's time`,
    verdict(r.ratio <= BUDGETS.remindersOfBareClaim),
  ]);
  rows.push([
    'Reminders — claimed / due; events published to RabbitMQ',
    `${grouped(last.claimed)} / ${grouped(r.seed.due)}; ${grouped(last.published)}`,
    '',
    'all',
    verdict(r.runs.every((run) => run.product.claimed === r.seed.due && run.product.published === r.seed.due)),
  ]);
  return rows;
}

export function renderRemindersDiagnostics(r) {
  const s = r.seed.seconds;
  const median = (pick) => fmt(percentile(r.runs.map(pick), 50), 0);
  const rows = [['Diagnostic', 'This run']];
  rows.push(['Claim plan: EXPLAIN of the service’s claim query', r.plan.node]);
  rows.push([
    'Seeding (one INSERT … SELECT per table), s',
    `${grouped(r.tasks)} tasks ${fmt(s.tasks)}, ${grouped(r.seed.rows)} reminder rows ${fmt(s.reminders)} ` +
      `(${grouped(r.seed.pending)} pending), VACUUM ANALYZE ${fmt(s.vacuum)}` +
      (r.seed.foreignKeysSkipped ? '; foreign-key triggers skipped' : ''),
  ]);
  rows.push([
    'Service: due → first claim (the tick) / → last batch claimed / → all published, ms (median)',
    `${median((x) => x.product.tickWaitMs)} / ${median((x) => x.product.lastBatchMs)} / ${median((x) => x.product.publishedMs)}`,
  ]);
  rows.push([
    'Batches: service / bare claim',
    `${r.runs[0].product.batches} / ${r.runs[0].ceiling.batches} (the bare claim counts its closing empty one)`,
  ]);
  rows.push(['CPU per reminder — bare claim', cpuText(r.runs.at(-1).ceiling.cpu)]);
  rows.push(['CPU per reminder — service (claim, outbox, relay)', cpuText(r.runs.at(-1).product.cpu)]);
  if (r.runs.length > 1) {
    rows.push([
      `Each pair: service / bare claim (s), ratio`,
      r.runs
        .map((x) => `${fmt(x.product.ms / 1000, 2)} / ${fmt(x.ceiling.ms / 1000, 2)}, ${fmt(x.ratio, 2)}×`)
        .join('; '),
    ]);
  }
  return rows;
}

/** The board in Chromium: each figure beside the same page with 50 cards, measured in the same run. */
export function renderBoardUiTable(r) {
  const { big, small } = r;
  const drag = (d) => `${d.count} / ${fmt(d.longest, 0)}`;
  const rows = [['Figure', 'This run', 'Ratio to ceiling', 'Budget', 'Verdict']];
  rows.push([
    `SPA: initial JavaScript (the ${r.initial.files.length} script${r.initial.files.length === 1 ? '' : 's'} index.html loads), gzipped — KB`,
    fmt(r.initial.kb, 1),
    '',
    `≤ ${BUDGETS.initialJsKb} KB`,
    verdict(r.initial.kb <= BUDGETS.initialJsKb),
  ]);
  rows.push([
    `Board of ${grouped(r.bigSize)} cards in Chromium: navigation → every column rendered — ms (median of ${big.loads.length})`,
    fmt(big.renderMs, 0),
    `${fmt(big.renderMs / small.renderMs, 2)}× the ${r.smallSize}-card board's ${fmt(small.renderMs, 0)} ms`,
    `≤ ${grouped(BUDGETS.boardRenderMs)} ms`,
    verdict(big.renderMs <= BUDGETS.boardRenderMs),
  ]);
  for (const [name, key] of [
    ['keyboard', 'keyboard'],
    ['mouse', 'mouse'],
  ]) {
    rows.push([
      `Board of ${grouped(r.bigSize)} cards: long tasks during a ${name} drag across columns — count / longest (ms)`,
      drag(big[key]),
      `${r.smallSize}-card board: ${drag(small[key])}`,
      'none (every frame < 50 ms)',
      verdict(big[key].count === 0),
    ]);
  }
  return rows;
}

export function renderBoardUiDiagnostics(r) {
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

/** Writes one group's block (`results`: the stack's figures, `reminders`) and leaves every other block alone. */
export function writeDoc(name, rows, diagnostics, notes) {
  const file = path.join(repoRoot, 'docs', 'benchmarks.md');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
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
