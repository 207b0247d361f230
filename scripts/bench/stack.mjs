// The bench's own throw-away stack: `scripts/start.mjs --no-install --no-build` on the bench's ports, with its
// own databases, Redis prefix, exchange and queues; stopped with one SIGTERM and then removed without a trace.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase } from '@taskflow/service-kit/db';
import { deleteRedisKeys, deleteTopology } from '@taskflow/service-kit/testing';
import { httpStatus, isPortFree, sleep } from '../lib/net.mjs';
import { descendantsOf, fail, isRunning, paint, repoRoot } from '../lib/system.mjs';
import { PROFILE_DIR, VERBOSE, amqpUrl, base, databaseUrl, ports, queues, remindersQueues, stack } from './options.mjs';

const STOP_TIMEOUT_MS = 20_000; // start.mjs gives its children 10 s, then kills them
const STRAY_GRACE_MS = 2_000;

let stackProcess;
let stackExited = false;
const stackLog = [];

/** The pid of start.mjs, once started. */
export const stackPid = () => stackProcess?.pid;

/** The last lines start.mjs and the stack printed (all of them go to the console under --verbose). */
export const lastStackLines = (count) => stackLog.slice(-count);

/** Keeps the last 200 lines a child prints in `log` (and streams them under --verbose, tagged `label`). */
export function collectOutput(child, log, label) {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        log.push(line);
        if (log.length > 200) log.shift();
        if (VERBOSE) console.log(paint('2', `  [${label}] ${line}`));
      }
    });
  }
}

/** Under --profile, what makes a service process write its CPU profile (bench/cpu-profile.mjs). */
export const profileEnv = () =>
  PROFILE_DIR
    ? {
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ''} --import=${path.join(repoRoot, 'bench', 'cpu-profile.mjs')}`.trim(),
        BENCH_PROFILE_DIR: path.resolve(PROFILE_DIR),
      }
    : {};

export async function startStack() {
  for (const [name, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) throw new Error(`port ${port} (${name}) is in use: is another bench running?`);
  }
  const env = {
    ...process.env,
    PORT: String(ports.gateway),
    AUTH_PORT: String(ports.auth),
    TASKS_PORT: String(ports.tasks),
    NOTIFICATIONS_PORT: String(ports.notifications),
    MAIL_SMTP_PORT: String(ports.mailSmtp),
    MAIL_WEB_PORT: String(ports.mailWeb),
    AUTH_DATABASE_URL: databaseUrl(stack.databases.auth),
    TASKS_DATABASE_URL: databaseUrl(stack.databases.tasks),
    REDIS_KEY_PREFIX: stack.redisKeyPrefix,
    EVENTS_EXCHANGE: stack.eventsExchange,
    QUEUE_PREFIX: stack.queuePrefix,
    QUEUE_EXPIRES_MS: '120000',
    // Setup registers hundreds of people from this one address; the per-address limit is not measured.
    RATE_LIMIT_IP_PER_MIN: '100000',
    AUTH_KEY_FILE: path.join(stack.dataDir, 'auth-signing-key.pem'),
    APP_URL: base,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    FORCE_COLOR: '0',
    ...profileEnv(),
  };
  // Its own process group: a Ctrl-C reaches only us, and we send start.mjs exactly one SIGTERM.
  stackProcess = spawn(process.execPath, ['scripts/start.mjs', '--no-install', '--no-build'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  collectOutput(stackProcess, stackLog, 'stack');
  stackProcess.on('exit', () => (stackExited = true));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (stackExited) throw new Error('start.mjs exited before the stack was ready');
    if ((await httpStatus(`${base}/`, 1000)) === 200) return;
    await sleep(300);
  }
  throw new Error(`${base}/ does not answer after 120 s`);
}

export async function stopStack() {
  if (!stackProcess || stackExited) return;
  const tree = descendantsOf(stackProcess.pid);
  stackProcess.kill('SIGTERM'); // start.mjs stops its children (≤ 10 s)
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (!stackExited && Date.now() < deadline) await sleep(100);
  if (!stackExited) fail(`start.mjs did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  // What start.mjs ran may take a moment to go after it: a process only left as a zombie (its new parent has
  // not reaped it yet) has exited all the same, so it is no stray.
  for (let waited = 0; tree.some(isRunning) && waited < STRAY_GRACE_MS; waited += 100) await sleep(100);
  const strays = [stackProcess.pid, ...tree].filter(isRunning);
  if (!strays.length) return;
  fail(`still running after the stack was stopped: killing ${strays.join(', ')}`);
  for (const pid of strays) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Drops the run's databases, Redis keys, exchanges, queues and files; resolves the errors, if any. */
export async function removeStackState() {
  const results = await Promise.allSettled([
    ...[...Object.values(stack.databases), stack.ceilingDatabase].map((name) => dropDatabase(databaseUrl(name))),
    deleteRedisKeys(stack.redisKeyPrefix, process.env.REDIS_URL || 'redis://localhost:6379'),
    deleteTopology(stack.eventsExchange, queues, amqpUrl),
    // Deleting what was never declared (a run without the reminders figure) is no error to RabbitMQ.
    deleteTopology(stack.remindersExchange, remindersQueues, amqpUrl),
    deleteTopology(stack.chainExchange, [stack.chainQueue], amqpUrl),
  ]);
  rmSync(stack.dataDir, { recursive: true, force: true });
  if (stackProcess) rmSync(path.join(repoRoot, '.data', `nginx-${ports.gateway}`), { recursive: true, force: true });
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
}
