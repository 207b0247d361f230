// What one bench run measures and where its throw-away stack lives: the command-line options, the fixed load
// shapes, the ports and the names of everything the run creates (so the clean-up can remove exactly that).
import path from 'node:path';
import { databaseOnServer } from '../lib/config.mjs';
import { repoRoot } from '../lib/system.mjs';

/** A database on the machine's PostgreSQL (DATABASE_URL's server), `postgres` by default. */
export const databaseUrl = (database = 'postgres') => databaseOnServer(process.env, database);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
export const WRITE_DOC = !args.includes('--no-write');
export const VERBOSE = args.includes('--verbose');
export const PROFILE_DIR = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
export const SOCKETS = option('sockets', 1000);
export const USERS = option('users', 200);
export const DURATION_S = option('duration', 10);
export const TASKS = 200;
export const CONNECTIONS = 50;
export const ASSIGN_RATE = 100; // per second
export const ASSIGN_SECONDS = 10;

export const runId = Date.now().toString(36);
// Below the ephemeral port range (32768+), so no outgoing connection can already hold one of them.
export const ports = {
  gateway: 28080,
  auth: 23001,
  tasks: 23002,
  notifications: 23003,
  mailSmtp: 21025,
  mailWeb: 21080,
};
export const base = `http://127.0.0.1:${ports.gateway}`;
export const stack = {
  databases: { auth: `taskflow_bench_${runId}_auth`, tasks: `taskflow_bench_${runId}_tasks` },
  ceilingDatabase: `taskflow_bench_${runId}_ceiling`,
  redisKeyPrefix: `taskflow-bench-${runId}:`,
  eventsExchange: `taskflow.bench.${runId}`,
  queuePrefix: `taskflow-bench-${runId}`,
  dataDir: path.join(repoRoot, '.data', `bench-${runId}`),
};
// The queues the services declare (service-kit consumer: main, .dlq, .retry.1-4); they also expire on their own.
export const queues = ['tasks', 'notifications'].flatMap((svc) => {
  const main = `${stack.queuePrefix}.${svc}`;
  return [main, `${main}.dlq`, ...[1, 2, 3, 4].map((i) => `${main}.retry.${i}`)];
});
