// The report: each group's figures (product beside its ceiling measured in the same run, the ratio, the budget,
// the verdict) and a diagnostics table, printed as text and written three ways — as Markdown into
// docs/benchmarks.md between that group's markers (the rest of the file is prose kept by hand), as JSON into
// docs/benchmarks.json (one object per figure) and as a chart, docs/benchmarks.svg, drawn from that JSON — so a
// run of one group leaves the others' last results in place in all three.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { repoRoot } from '../lib/system.mjs';
import { REFERENCE_CEILING } from './budgets.mjs';
import { cpuText } from './diagnostics.mjs';
import { figureRows } from './figures.mjs';
import { FIGURE_GROUPS } from './options.mjs';
import { fmt, grouped, pct } from './stats.mjs';
import { renderSvg } from './svg.mjs';

const loop = (l) =>
  l
    ? `event-loop lag p99 ${fmt(l.lagP99)} ms, max ${fmt(l.lagMax)} ms, GC ${fmt(l.gc * 1000, 0)} ms (${fmt(l.fullGcs ?? 0, 0)} full)`
    : 'n/a';

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
  if (r.boardOpen.cpu?.tasks) {
    // The tasks service is one thread: past one core's worth of CPU a second, requests queue.
    const core = (r.boardOpen.cpu.tasks * r.boardOpen.rps) / 1e6;
    rows.push([
      'CPU per request — board open loop; the tasks service’s share of its one core',
      `${cpuText(r.boardOpen.cpu)}; tasks ${fmt(core, 2)} of a core at ${fmt(r.boardOpen.rps, 0)} req/s`,
    ]);
  }
  rows.push(['tasks during the board load', loop(r.board.tasksLoop)]);
  rows.push([
    'Board straight at tasks (no nginx), 5 s — req/s, p50 / p99 ms',
    `${fmt(r.direct.rps, 0)} (${pct(r.direct.rps / r.ceiling.rps)} of ceiling), ${fmt(r.direct.p50)} / ${fmt(r.direct.p99)}`,
  ]);
  rows.push(['CPU per request — board straight at tasks', cpuText(r.direct.cpu)]);
  if (r.directOpen)
    rows.push([
      'Board straight at tasks, open loop at the same rate, 5 s — p50 / p99 / max ms',
      `${fmt(r.directOpen.p50)} / ${fmt(r.directOpen.p99)} / ${fmt(r.directOpen.max)}`,
    ]);
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
    'Service: rows in place before due / due → first claim (the tick) / → last batch claimed / → all published, ms (each pair)',
    r.runs
      .map(
        (x) =>
          `${fmt(x.product.setUpMarginMs, 0)} / ${fmt(x.product.tickWaitMs, 0)} / ${fmt(x.product.lastBatchMs, 0)} / ` +
          `${fmt(x.product.publishedMs, 0)}`,
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
