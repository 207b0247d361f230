// What one bench run measures and where its throw-away stack lives: the command-line options, the fixed load
// shapes, the ports and the names of everything the run creates (so the clean-up can remove exactly that).
import path from 'node:path';
import { databaseOnServer } from '../lib/config.mjs';
import { fail, repoRoot } from '../lib/system.mjs';

/** A database on the machine's PostgreSQL (DATABASE_URL's server), `postgres` by default. */
export const databaseUrl = (database = 'postgres') => databaseOnServer(process.env, database);
export const amqpUrl = process.env.AMQP_URL || 'amqp://guest:guest@localhost:5672';

const USAGE =
  'Usage: npm run bench -- [--only=stack|reminders|board-ui] [--repeat=N] [--no-write] [--verbose] [--profile=DIR] ' +
  '[--sockets=N] [--users=N] [--duration=S] [--reminder-tasks=N] [--reminders-due=N] [--big-board=N] [--port-offset=N]';
/**
 * The figures a run can be limited to: `stack` (board, writes, notifications, memory and their ceilings: one stack), `reminders`,
 * and `board-ui` (the SPA's initial JavaScript and a 2 000-card board in Chromium, on the same stack).
 */
export const FIGURE_GROUPS = ['stack', 'reminders', 'board-ui'];
/** A mistyped option is reported before anything starts (exit 2), never silently measured without. */
const usageError = (message) => {
  fail(`${message}. ${USAGE}`);
  process.exit(2);
};

const args = process.argv.slice(2);
// `--only reminders` as well as `--only=reminders`: join the spaced form first.
for (let i = args.indexOf('--only'); i >= 0; i = args.indexOf('--only'))
  args.splice(i, 2, `--only=${args[i + 1] ?? ''}`);
const VALUED = [
  'sockets',
  'users',
  'duration',
  'repeat',
  'reminder-tasks',
  'reminders-due',
  'big-board',
  'profile',
  'only',
  'port-offset',
];
for (const arg of args) {
  if (arg === '--no-write' || arg === '--verbose' || VALUED.some((name) => arg.startsWith(`--${name}=`))) continue;
  usageError(`unknown option ${arg}`);
}
const value = (name) => args.findLast((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const option = (name, fallback, min = 1) => {
  const raw = value(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) usageError(`--${name}=${raw}: a whole number ≥ ${min}`);
  return n;
};
/** How the costs grow with data: other sizes than the budgets' (their figures are printed, never written). */
export const REMINDERS_DUE = option('reminders-due', 10_000, 100);
export const BIG_BOARD = option('big-board', 2000, 100);
const SCALING_RUN = REMINDERS_DUE !== 10_000 || BIG_BOARD !== 2000;
export const WRITE_DOC = !args.includes('--no-write') && !SCALING_RUN;
export const VERBOSE = args.includes('--verbose');
export const PROFILE_DIR = value('profile');
export const SOCKETS = option('sockets', 1000);
export const USERS = option('users', 200);
export const DURATION_S = option('duration', 10);
/** Which figure groups this run measures; a partial run rewrites only their results in docs/benchmarks.md. */
export const ONLY = new Set(value('only')?.split(',') ?? FIGURE_GROUPS);
for (const name of ONLY) if (!FIGURE_GROUPS.includes(name)) usageError(`--only=${name}: one of ${FIGURE_GROUPS}`);
/**
 * How many times each group's measurements are taken (after one setup): every figure and every ratio is then
 * the median of its N values.
 */
export const REPEAT = option('repeat', 1);
/** Tasks in the reminders figure's database; every task has its reminder rows, 10 000 of them come due. */
export const REMINDER_TASKS = option('reminder-tasks', 1_000_000, 20_000);
/** The tasks service's scheduler tick for the reminders figure (its default is 15 s): it adds up to one tick. */
export const REMINDER_TICK_MS = 250;
export const TASKS = 200;
export const CONNECTIONS = 50;
export const ASSIGN_RATE = 100; // per second
export const ASSIGN_SECONDS = 10;
/** Task writes at a low rate, open loop: where a stall of a few hundred ms shows in the p99 and the max. */
export const WRITE_RATE = 10; // per second
export const WRITE_SECONDS = 25;
export const WRITE_TASKS = 50;
/** A write slower than this is counted: at 10/s a stall shows as a batch of them. */
export const SLOW_WRITE_MS = 100;

export const runId = Date.now().toString(36);
/** Added to every port below, for a second bench beside a running one (`--port-offset=10`). */
const PORT_OFFSET = option('port-offset', 0, 0);
// Below the ephemeral port range (32768+), so no outgoing connection can already hold one of them.
export const ports = Object.fromEntries(
  Object.entries({
    gateway: 28080,
    auth: 23001,
    tasks: 23002,
    notifications: 23003,
    mailSmtp: 21025,
    mailWeb: 21080,
    reminders: 23004, // the reminders figure's own tasks service
  }).map(([name, port]) => [name, port + PORT_OFFSET]),
);
export const base = `http://127.0.0.1:${ports.gateway}`;
export const stack = {
  databases: {
    auth: `taskflow_bench_${runId}_auth`,
    tasks: `taskflow_bench_${runId}_tasks`,
    reminders: `taskflow_bench_${runId}_reminders`,
  },
  ceilingDatabase: `taskflow_bench_${runId}_ceiling`,
  redisKeyPrefix: `taskflow-bench-${runId}:`,
  eventsExchange: `taskflow.bench.${runId}`,
  queuePrefix: `taskflow-bench-${runId}`,
  // The reminders figure's tasks service has an exchange and queues of its own: on the stack's, it would
  // compete with the stack's tasks service for the user events of the board's setup.
  remindersExchange: `taskflow.bench.${runId}.reminders`,
  remindersQueuePrefix: `taskflow-bench-${runId}-reminders`,
  // The raw event chain (bench/event-chain.mjs): an exchange, a quorum queue and a Redis prefix of its own.
  chainExchange: `taskflow.bench.${runId}.chain`,
  chainQueue: `taskflow-bench-${runId}-chain`,
  chainKeyPrefix: `taskflow-bench-${runId}:chain:`,
  dataDir: path.join(repoRoot, '.data', `bench-${runId}`),
};
// The queues the services declare (service-kit consumer: main, .dlq, .retry.1-4); they also expire on their own.
const consumerQueues = (prefix, services) =>
  services.flatMap((svc) => {
    const main = `${prefix}.${svc}`;
    return [main, `${main}.dlq`, ...[1, 2, 3, 4].map((i) => `${main}.retry.${i}`)];
  });
export const queues = consumerQueues(stack.queuePrefix, ['tasks', 'notifications']);
/** The reminders service's queues, and the bench's probe that counts the events it publishes. */
export const remindersProbeQueue = `${stack.remindersQueuePrefix}.probe`;
export const remindersQueues = [...consumerQueues(stack.remindersQueuePrefix, ['tasks']), remindersProbeQueue];
