// The report: the budgets table, the diagnostics table, printed as text and written as Markdown into
// docs/benchmarks.md between its results markers (the rest of that file is prose kept by hand).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/system.mjs';
import { cpuText } from './diagnostics.mjs';
import { fmt, grouped, pct } from './stats.mjs';

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
};

export function renderTable(r) {
  const rows = [['Figure', 'This run', 'Ratio to ceiling', 'Budget', 'Verdict']];
  const verdict = (good) => (good === undefined ? '' : good ? 'ok' : 'OVER');
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

export function writeDoc(rows, diagnostics, notes) {
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
