// The budgets, and each group's figures built from one repeat's measurements: every product figure beside the
// ceiling (or reference) measured in the same run, the ratio, and the budget it is held to. report.mjs prints
// and writes them; figures.mjs takes the medians over repeats.
import { budget, figure } from './figures.mjs';
import { ASSIGN_RATE, SLOW_WRITE_MS, SOCKETS, USERS, WRITE_RATE, WRITE_SECONDS } from './options.mjs';
import { grouped, pct } from './stats.mjs';

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
      label: 'Board page p99, 50 connections',
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
      label: `Task writes p99, ${WRITE_RATE}/s (vs board's open-loop p99)`,
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
