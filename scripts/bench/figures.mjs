// The report's model: each figure a product number beside its ceiling (or other reference) measured in the same
// run, their ratio, and the budget that ratio (or the number itself) is held to. Pure functions, no I/O: they
// are unit-tested (scripts/test/bench-report.test.ts).
import { fmt } from './stats.mjs';

/** The median of `values` (the mean of the middle two for an even count); NaN for none. */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A budget: the figure's `ratio` (on: 'ratio') or its own value (on: 'value') is held `op` ('<=' or '>=')
 * `limit`; `text` says it in words.
 */
export const budget = (on, op, limit, text) => ({ on, op, limit, text });

/** 'ok', 'OVER', or '' when there is no budget or nothing to hold to it. */
export function verdictOf({ budget: b, ratio, product }) {
  if (!b) return '';
  const value = b.on === 'ratio' ? ratio : product;
  if (!Number.isFinite(value)) return '';
  return (b.op === '>=' ? value >= b.limit : value <= b.limit) ? 'ok' : 'OVER';
}

/**
 * One figure (`label`: a short name for the chart). `reference` is what it is read against — { name, value } — usually the ceiling measured in the same
 * run; `extras` are numbers shown beside the product ({ p50: 4.1, max: 120 }); `digits` how the numbers print.
 */
export function figure({ id, name, label, unit, digits = 1, product, reference, budget: b, extras }) {
  const ratio = reference && reference.value > 0 ? product / reference.value : NaN;
  const f = {
    id,
    name,
    label: label ?? name,
    unit,
    digits,
    product,
    reference: reference ?? null,
    ratio,
    budget: b ?? null,
  };
  if (extras) f.extras = extras;
  return { ...f, verdict: verdictOf(f) };
}

/**
 * The figures of N repeats as one list: each number the median of its N values — the ratio too, the median of
 * the repeats' ratios (not the ratio of the medians) — and the verdict taken on those medians. A figure missing
 * from some repeats is the median of those it is in.
 */
export function medianFigures(repeats) {
  if (repeats.length === 1) return repeats[0];
  const ids = [...new Set(repeats.flat().map((f) => f.id))];
  return ids.map((id) => {
    const all = repeats.flatMap((figures) => figures.filter((f) => f.id === id));
    const of = (pick) => median(all.map(pick));
    const first = all[0];
    const f = {
      ...first,
      product: of((f) => f.product),
      reference: first.reference && { ...first.reference, value: of((f) => f.reference?.value) },
      ratio: of((f) => f.ratio),
    };
    if (first.extras)
      f.extras = Object.fromEntries(Object.keys(first.extras).map((key) => [key, of((f) => f.extras?.[key])]));
    return { ...f, repeats: all.length, verdict: verdictOf(f) };
  });
}

const number = (value, digits) => fmt(value, Number.isInteger(value) ? 0 : digits);
/** A whole number with its thousands apart (4 300), else with the figure's digits. */
export const show = (value, digits) =>
  Number.isFinite(value) && Math.abs(value) >= 1000
    ? String(Math.round(value)).replace(/\B(?=(\d{3})+$)/g, ' ')
    : number(value, digits);

/** The rows of a figure table: Figure, This run, Ceiling (same run), Ratio, Budget, Verdict. */
export function figureRows(figures, { repeats = 1 } = {}) {
  const rows = [
    [
      'Figure',
      repeats > 1 ? `This run (median of ${repeats})` : 'This run',
      'Ceiling or reference, same run',
      'Ratio',
      'Budget',
      'Verdict',
    ],
  ];
  for (const f of figures) {
    const extras = f.extras
      ? ` (${Object.entries(f.extras)
          .map(([label, value]) => `${label} ${show(value, f.digits)}`)
          .join(', ')})`
      : '';
    rows.push([
      f.name,
      `${show(f.product, f.digits)}${extras}`,
      f.reference ? `${show(f.reference.value, f.digits)} ${f.reference.name}` : '',
      Number.isFinite(f.ratio) ? `${fmt(f.ratio, 2)}×` : '',
      f.budget?.text ?? '—',
      f.verdict,
    ]);
  }
  return rows;
}
