// docs/benchmarks.svg: one horizontal bar per budgeted figure — its ratio to its ceiling, or for an absolute
// budget its share of that budget — with the budget as a vertical line across the bar, green when within it
// and red when over. Built as a string (a dozen rects and texts need no charting library). Pure: tested.
import { fmt } from './stats.mjs';
import { show } from './figures.mjs';

const WIDTH = 1040;
const LABEL_W = 340;
const BAR_W = 300;
const ROW_H = 24;
const TOP = 64;
const COLORS = { ok: '#2e7d32', OVER: '#c62828', '': '#757575' };

const escape = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Where a figure's bar ends and its budget line stands (none without a budget), on the chart's common scale,
 * and what they say.
 */
export function chartPoint(f) {
  const b = f.budget;
  const vs = f.reference ? `${show(f.product, f.digits)} vs ${show(f.reference.value, f.digits)} ${f.unit} → ` : '';
  if (!b) return { x: f.ratio, line: undefined, caption: `${vs}${fmt(f.ratio, 2)}×, no budget` };
  if (b.on === 'ratio') {
    return {
      x: f.ratio,
      line: b.limit,
      caption: `${vs}${fmt(f.ratio, 2)}×, budget ${b.op === '>=' ? '≥' : '≤'} ${b.limit}×`,
    };
  }
  const caption = `${show(f.product, f.digits)} ${f.unit}, budget ≤ ${show(b.limit, f.digits)}`;
  // An absolute budget: the bar is the figure's share of it (1 = at the budget); a budget of none is drawn at 0.
  return b.limit > 0 ? { x: f.product / b.limit, line: 1, caption } : { x: f.product, line: 0, caption };
}

/** The SVG document for `groups`: [{ title, figures }], each figure as figures.mjs makes them. */
export function renderSvg(groups, { title = 'TaskFlow benchmarks' } = {}) {
  const charted = groups.map((g) => ({
    ...g,
    // A figure with a budget, or at least a ceiling to be read against (drawn grey, without a line).
    rows: g.figures.filter((f) => f.budget || Number.isFinite(f.ratio)).map((f) => ({ f, ...chartPoint(f) })),
  }));
  const all = charted.flatMap((g) => g.rows);
  const finite = all.flatMap((r) => [r.x, r.line]).filter(Number.isFinite);
  const max = Math.min(6, Math.max(2.5, ...finite) * 1.1);
  const scale = (v) => (Math.min(Math.max(v, 0), max) / max) * BAR_W;
  const parts = [];
  let y = TOP;
  for (const g of charted) {
    if (!g.rows.length) continue;
    parts.push(`<text x="8" y="${y + 14}" font-weight="bold">${escape(g.title)}</text>`);
    y += ROW_H;
    for (const { f, x, line, caption } of g.rows) {
      const color = COLORS[f.verdict] ?? COLORS[''];
      const width = Number.isFinite(x) ? scale(x) : 0;
      parts.push(
        `<g><title>${escape(`${f.name}: ${caption}; ${f.verdict || 'no verdict'}`)}</title>`,
        `<text x="16" y="${y + 15}">${escape(clip(f.label ?? f.name, 48))}</text>`,
        `<rect x="${LABEL_W}" y="${y + 4}" width="${fmt(width, 1)}" height="${ROW_H - 8}" fill="${color}"/>`,
        x > max ? `<text x="${LABEL_W + BAR_W + 2}" y="${y + 16}" fill="${color}">▸</text>` : '',
        line === undefined
          ? ''
          : `<line x1="${fmt(LABEL_W + scale(line), 1)}" x2="${fmt(LABEL_W + scale(line), 1)}" y1="${y + 1}" y2="${y + ROW_H - 1}" stroke="#000" stroke-width="2"/>`,
        `<text x="${LABEL_W + BAR_W + 14}" y="${y + 15}">${escape(caption)}${f.verdict ? ` · ${f.verdict}` : ''}</text></g>`,
      );
      y += ROW_H;
    }
    y += 6;
  }
  const ticks = [];
  for (let t = 0; t <= max; t += max > 4 ? 1 : 0.5) {
    const tx = fmt(LABEL_W + scale(t), 1);
    ticks.push(
      `<line x1="${tx}" x2="${tx}" y1="${TOP - 6}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${tx}" y="${TOP - 10}" text-anchor="middle" fill="#555">${fmt(t, t % 1 ? 1 : 0)}×</text>`,
    );
  }
  const height = y + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="bold">${escape(title)}</text>`,
    `<text x="8" y="38" fill="#555">Bar: the figure ÷ its ceiling measured in the same run (absolute budgets: ÷ the budget). Line: the budget. Green within it, red over, grey without one.</text>`,
    ...ticks,
    ...parts.filter(Boolean),
    `<text x="8" y="${height - 10}" fill="#555">Bars past ${fmt(max, 1)}× are cut (▸); the numbers are in docs/benchmarks.md and docs/benchmarks.json.</text>`,
    '</svg>',
    '',
  ].join('\n');
}
