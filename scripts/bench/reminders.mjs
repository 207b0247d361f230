// 5. Reminders: REMINDERS_DUE reminders come due at one instant among REMINDER_TASKS tasks; the figure is the
// time from that instant to the last `task.reminder_due` committed to the outbox by the real tasks service
// (its bundle, as production runs it, with its own scheduler, claim and outbox code), against the bare claim
// of the same rows (bench/reminder-claim.mjs) on the same data, in pairs, --repeat times (one seeding).
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import { connect as connectAmqp } from 'amqplib';
import pg from 'pg';
import { buildServices } from '../build-services.mjs';
import { httpStatus, sleep } from '../lib/net.mjs';
import { ok, repoRoot, step } from '../lib/system.mjs';
import { cpuMsOf, cpuPerRequest, cpuText, memoryOf, rabbitmqPid, resetPeakMemory } from './diagnostics.mjs';
import {
  REMINDERS_DUE,
  REMINDER_TASKS,
  REMINDER_TICK_MS,
  REPEAT,
  amqpUrl,
  base,
  databaseUrl,
  ports,
  remindersProbeQueue,
  stack,
} from './options.mjs';
import {
  anyPending,
  claimedRows,
  explainClaim,
  resetDueRows,
  seedReminders,
  serviceBatchSize,
  setDue,
} from './reminders-data.mjs';
import { collectOutput, profileEnv } from './stack.mjs';
import { fmt, grouped } from './stats.mjs';

export const DUE_LEAD_MS = 2000; // the due instant is set this far ahead, so the rows are committed before it
export const POLL_MS = 25; // the figure is seconds long: finer polling would only take CPU from what it measures
const TIMEOUT_MS = 120_000;
const database = stack.databases.reminders;

let service;
let serviceExited = false;
const serviceLog = [];

/** The last lines the reminders figure's tasks service printed. */
export const lastRemindersLines = (count) => serviceLog.slice(-count);

/** The tasks service bundle on its own port, database, exchange and queues, with a short scheduler tick. */
async function startService() {
  await buildServices(['tasks']); // what start.mjs runs is always freshly bundled: so is this
  service = spawn(process.execPath, ['--enable-source-maps', 'services/tasks/dist/main.mjs'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(ports.reminders),
      DATABASE_URL: databaseUrl(database),
      EVENTS_EXCHANGE: stack.remindersExchange,
      QUEUE_PREFIX: stack.remindersQueuePrefix,
      QUEUE_EXPIRES_MS: '120000',
      REMINDER_TICK_MS: String(REMINDER_TICK_MS),
      CALENDAR_SECRET_FILE: path.join(stack.dataDir, 'reminders-calendar-secret'),
      AUTH_JWKS_URL: `http://127.0.0.1:${ports.auth}/api/auth/.well-known/jwks.json`, // unused: no HTTP load
      APP_URL: base,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // A production build on this machine's guest:guest RabbitMQ and password-less PostgreSQL, as npm start says.
      ALLOW_DEVELOPMENT_DEFAULTS: 'true',
      FORCE_COLOR: '0',
      ...profileEnv(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // a Ctrl-C reaches only the bench, which stops the service itself
  });
  collectOutput(service, serviceLog, 'reminders');
  service.on('exit', () => (serviceExited = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (serviceExited) throw new Error('the reminders figure’s tasks service exited while starting');
    if ((await httpStatus(`http://127.0.0.1:${ports.reminders}/readyz`, 1000)) === 200) return;
    await sleep(200);
  }
  throw new Error(`the reminders figure’s tasks service is not ready on :${ports.reminders} after 60 s`);
}

/** SIGTERM (the service drains its job and relay), SIGKILL after 15 s; safe to call twice. */
export async function stopRemindersService() {
  if (!service || serviceExited) return;
  service.kill('SIGTERM');
  for (let waited = 0; !serviceExited && waited < 15_000; waited += 100) await sleep(100);
  if (!serviceExited) service.kill('SIGKILL');
}

/**
 * CPU ms so far of the bench, `pids` by name, and each PostgreSQL client backend on the figure's database by
 * pid: backends come and go with the pools, so each is counted from its own start (one gone by the end is
 * missed). Autovacuum workers on the database are left out: they come when PostgreSQL decides, not with the
 * claims, and read hundreds of µs per reminder in a run they happened to fall in.
 */
async function cpuNow(db, pids) {
  const snapshot = { bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000 };
  for (const [name, pid] of Object.entries(pids)) snapshot[name] = cpuMsOf(pid);
  const { rows } = await db.query(
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
    [database],
  );
  for (const { pid } of rows) snapshot[`postgres ${pid}`] = cpuMsOf(pid);
  return snapshot;
}

/** µs of CPU per due reminder between two snapshots, the backends added up as `postgres`. */
function cpuPerReminder(before, after) {
  const out = {};
  for (const [name, us] of Object.entries(cpuPerRequest(before, after, REMINDERS_DUE))) {
    const key = name.startsWith('postgres ') ? 'postgres' : name;
    out[key] = (out[key] ?? 0) + us;
  }
  return out;
}

/** The ceiling: the bare claim of the due rows, due an hour on, so the service (on the real clock) leaves them. */
async function measureBareClaim(db, batch) {
  await resetDueRows(db);
  const at = new Date(Date.now() + 3600_000);
  await setDue(db, at);
  const child = fork(path.join(repoRoot, 'bench', 'reminder-claim.mjs'), {
    env: { ...process.env, DATABASE_URL: databaseUrl(database), CLAIM_AT: at.toISOString(), BATCH: String(batch) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const next = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      exited.then((code) => reject(new Error(`bench/reminder-claim.mjs exited (${code})`)));
    });
  await next(); // connected
  const before = await cpuNow(db, { ceiling: child.pid });
  child.send('go');
  const result = await next();
  const cpu = cpuPerReminder(before, await cpuNow(db, { ceiling: child.pid }));
  child.send('end');
  await exited;
  if (result.error) throw new Error(`the bare claim failed: ${result.error}`);
  return { ...result, cpu };
}

/** The product: the service's scheduler claims the rows once they are due; timed from the due instant. */
async function measureService(db, channel, batch, withPlan) {
  await resetDueRows(db);
  const plan = withPlan ? await explainClaim(db, new Date(Date.now() + DUE_LEAD_MS), batch) : undefined;
  await channel.purgeQueue(remindersProbeQueue);
  const at = new Date(Date.now() + DUE_LEAD_MS);
  await setDue(db, at);
  // Shown beside the first claim: rows in place well ahead of their instant, so a late first claim is the
  // scheduler's, not the bench's.
  const setUpMarginMs = at.getTime() - Date.now();
  if (setUpMarginMs <= 0) throw new Error('setting the due instant took longer than its lead');
  const broker = rabbitmqPid();
  const pids = { 'tasks service': service.pid, ...(broker ? { rabbitmq: broker } : {}) };
  const before = await cpuNow(db, pids);
  await sleep(at.getTime() - Date.now());
  const deadline = at.getTime() + TIMEOUT_MS;
  while ((await anyPending(db, at)) && Date.now() < deadline) await sleep(POLL_MS);
  const ms = Date.now() - at.getTime();
  // Published: the relay's side, after the figure; the probe queue gets every task.reminder_due.
  let published = 0;
  while ((published = (await channel.checkQueue(remindersProbeQueue)).messageCount) < REMINDERS_DUE) {
    if (Date.now() > deadline) break;
    await sleep(20);
  }
  const publishedMs = Date.now() - at.getTime();
  const cpu = cpuPerReminder(before, await cpuNow(db, pids));
  const rows = await claimedRows(db);
  return {
    ms,
    claimed: rows.claimed,
    batches: rows.batches,
    tickWaitMs: rows.firstMs - at.getTime(),
    setUpMarginMs,
    lastBatchMs: rows.lastMs - at.getTime(),
    published,
    publishedMs,
    cpu,
    plan,
    memory: memoryOf(service.pid),
  };
}

/** The whole figure: start the service, seed, measure the pairs; the service is stopped at the end. */
export async function measureReminders() {
  const batch = serviceBatchSize();
  step(`5. Reminders: a tasks service of its own on :${ports.reminders} (REMINDER_TICK_MS=${REMINDER_TICK_MS})`);
  await startService(); // it creates and migrates its database
  const db = new pg.Client({ connectionString: databaseUrl(database) });
  await db.connect();
  const amqp = await connectAmqp(amqpUrl);
  try {
    step(`   seeding ${grouped(REMINDER_TASKS)} tasks with their reminders, ${grouped(REMINDERS_DUE)} to come due`);
    const seed = await seedReminders(db);
    const s = seed.seconds;
    ok(
      `seeded: tasks ${fmt(s.tasks)} s, ${grouped(seed.rows)} reminder rows ${fmt(s.reminders)} s, ` +
        `VACUUM ANALYZE ${fmt(s.vacuum)} s${seed.foreignKeysSkipped ? '' : ' (with foreign-key checks)'}`,
    );
    const channel = await amqp.createChannel();
    await channel.assertExchange(stack.remindersExchange, 'topic', { durable: true }); // as the service's broker
    await channel.assertQueue(remindersProbeQueue, { durable: false, arguments: { 'x-expires': 120_000 } });
    await channel.bindQueue(remindersProbeQueue, stack.remindersExchange, 'task.reminder_due');
    resetPeakMemory(service.pid); // the peak under the claims, not the migration's
    const runs = [];
    for (let i = 1; i <= REPEAT; i++) {
      step(
        `   pair ${i}/${REPEAT}: the bare claim, then the service, ${grouped(REMINDERS_DUE)} due, batches of ${batch}`,
      );
      const ceiling = await measureBareClaim(db, batch);
      const product = await measureService(db, channel, batch, i === 1);
      runs.push({ ceiling, product, ratio: product.ms / ceiling.ms });
      ok(
        `bare claim ${fmt(ceiling.ms / 1000, 2)} s (${ceiling.claimed} in ${ceiling.batches} batches); ` +
          `service ${fmt(product.ms / 1000, 2)} s (${product.claimed} claimed in ${product.batches} batches, ` +
          `rows in place ${fmt(product.setUpMarginMs, 0)} ms before due, first claim ${fmt(product.tickWaitMs, 0)} ms ` +
          `after; ${product.published} published by ` +
          `${fmt(product.publishedMs / 1000, 2)} s) → ${fmt(product.ms / ceiling.ms, 2)}×; ` +
          `CPU per reminder ${cpuText(product.cpu)}`,
      );
    }
    return { seed, batch, tasks: REMINDER_TASKS, tickMs: REMINDER_TICK_MS, runs, plan: runs[0].product.plan };
  } finally {
    await amqp.close().catch(() => undefined);
    await db.end();
    await stopRemindersService();
  }
}
