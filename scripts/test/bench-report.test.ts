// The bench's report model (scripts/bench/figures.mjs, svg.mjs): medians over repeats, ratios to the ceiling,
// verdicts against a budget, the table rows and the chart. Pure functions: no stack, no timing.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './deploy-env';

type Budget = { on: 'ratio' | 'value'; op: '<=' | '>='; limit: number; text: string };
type Figure = {
  id: string;
  name: string;
  unit: string;
  digits: number;
  product: number;
  reference: { name: string; value: number } | null;
  ratio: number;
  budget: Budget | null;
  extras?: Record<string, number>;
  verdict: string;
  repeats?: number;
};
type FigureInput = Omit<Figure, 'ratio' | 'verdict' | 'digits' | 'reference' | 'budget'> & {
  digits?: number;
  reference?: { name: string; value: number };
  budget?: Budget;
};
const load = async <T>(file: string) => (await import(pathToFileURL(path.join(repoRoot, file)).href)) as T;
const { median, budget, figure, medianFigures, figureRows } = await load<{
  median: (values: number[]) => number;
  budget: (on: Budget['on'], op: Budget['op'], limit: number, text: string) => Budget;
  figure: (input: FigureInput) => Figure;
  medianFigures: (repeats: Figure[][]) => Figure[];
  figureRows: (figures: Figure[], options?: { repeats?: number }) => string[][];
}>('scripts/bench/figures.mjs');
const { renderSvg, chartPoint } = await load<{
  renderSvg: (groups: { title: string; figures: Figure[] }[]) => string;
  chartPoint: (f: Figure) => { x: number; line: number; caption: string };
}>('scripts/bench/svg.mjs');

const throughput = (product: number, ceiling: number) =>
  figure({
    id: 'board-rps',
    name: 'Board req/s',
    unit: 'req/s',
    product,
    reference: { name: 'bare', value: ceiling },
    budget: budget('ratio', '>=', 0.6, '≥ 0.6×'),
  });
const p99 = (product: number, ceiling: number) =>
  figure({
    id: 'p99',
    name: 'Board p99 <open loop> & more',
    unit: 'ms',
    product,
    reference: { name: 'bare', value: ceiling },
    budget: budget('ratio', '<=', 2, '≤ 2×'),
  });

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it('leaves out what is not a number, and is NaN for nothing', () => {
    expect(median([Number.NaN, 2, 4])).toBe(3);
    expect(median([])).toBeNaN();
  });
});

describe('figure', () => {
  it('is the ratio of the product to its ceiling, judged against the budget', () => {
    expect(throughput(1500, 2500)).toMatchObject({ ratio: 0.6, verdict: 'ok' });
    expect(throughput(1400, 2500)).toMatchObject({ verdict: 'OVER' });
    expect(p99(40, 20)).toMatchObject({ ratio: 2, verdict: 'ok' });
    expect(p99(41, 20)).toMatchObject({ verdict: 'OVER' });
  });
  it('holds an absolute budget to the value, and gives no verdict without a budget or a ratio', () => {
    const rss = (mb: number) =>
      figure({ id: 'rss', name: 'RSS', unit: 'MB', product: mb, budget: budget('value', '<=', 150, '≤ 150 MB') });
    expect(rss(150).verdict).toBe('ok');
    expect(rss(151).verdict).toBe('OVER');
    expect(figure({ id: 'x', name: 'x', unit: 'ms', product: 3 }).verdict).toBe('');
    expect(p99(10, 0)).toMatchObject({ verdict: '' });
    expect(p99(10, 0).ratio).toBeNaN();
  });
});

describe('medianFigures', () => {
  it('takes the median of each number and of the ratios, then judges the medians', () => {
    const board = medianFigures([[throughput(1000, 2000)], [throughput(1800, 2000)], [throughput(1300, 1000)]])[0]!;
    expect(board.product).toBe(1300);
    expect(board.reference?.value).toBe(2000);
    // The repeats' ratios are 0.5, 0.9 and 1.3: their median, not 1300 / 2000.
    expect(board.ratio).toBe(0.9);
    expect(board.verdict).toBe('ok');
    expect(board.repeats).toBe(3);
  });
  it('medians the extras too, and keeps one repeat as it is', () => {
    const withExtras = (p50: number) => ({ ...p99(10, 5), extras: { p50 } });
    expect(medianFigures([[withExtras(1)], [withExtras(3)]])[0]!.extras).toEqual({ p50: 2 });
    const single = [p99(10, 5)];
    expect(medianFigures([single])).toBe(single);
  });
});

describe('figureRows', () => {
  it('shows the product beside its ceiling, the ratio, the budget and the verdict', () => {
    const rows = figureRows([throughput(1342, 2704)], { repeats: 3 });
    expect(rows[0]?.[1]).toBe('This run (median of 3)');
    expect(rows[1]).toEqual(['Board req/s', '1 342', '2 704 bare', '0.50×', '≥ 0.6×', 'OVER']);
  });
});

describe('renderSvg', () => {
  it('draws one bar per budgeted figure, coloured by its verdict, with the budget line where the budget is', () => {
    const svg = renderSvg([{ title: 'Stack', figures: [throughput(1500, 2500), p99(41, 20)] }]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('fill="#2e7d32"'); // the throughput is within its budget
    expect(svg).toContain('fill="#c62828"'); // the p99 is over
    expect(svg).toContain('Board p99 &lt;open loop&gt; &amp; more'); // names are escaped
    expect(svg).not.toContain('<open loop>');
  });
  it('draws a figure with a ceiling but no budget in grey without a line, and leaves out one with neither', () => {
    const writes = figure({
      id: 'w',
      name: 'Writes p99',
      unit: 'ms',
      product: 50,
      reference: { name: 'r', value: 25 },
    });
    const patch = figure({ id: 'p', name: 'PATCH p99', unit: 'ms', product: 5 });
    const svg = renderSvg([{ title: 'Stack', figures: [writes, patch] }]);
    expect(svg).toContain('Writes p99');
    expect(svg).toContain('fill="#757575"');
    expect(svg).toContain('2.00×, no budget');
    expect(svg).not.toContain('stroke-width="2"');
    expect(svg).not.toContain('PATCH p99');
  });
  it('puts a ratio on the ratio scale and an absolute figure as its share of the budget', () => {
    expect(chartPoint(p99(30, 20))).toMatchObject({ x: 1.5, line: 2 });
    const js = figure({ id: 'js', name: 'JS', unit: 'KB', product: 150, budget: budget('value', '<=', 200, '') });
    expect(chartPoint(js)).toMatchObject({ x: 0.75, line: 1 });
  });
});
