// The reminders figure's data: a tasks database that looks like a live one (every open task with its reminder
// rows, most already sent or due days ahead) with REMINDERS_DUE rows the figure makes due at a chosen instant,
// and the queries the figure reads it with. The schema is the service's own: the service migrated it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PgDialect } from 'drizzle-orm/pg-core';
import { repoRoot } from '../lib/system.mjs';
import { claimDueRemindersSql } from '../../services/tasks/src/data/reminder.repository.ts';
import { REMINDERS_DUE, REMINDER_TASKS } from './options.mjs';

const PROJECTS = 1000;
/** Where the due rows wait between measurements: after the ceiling's instant (an hour on), before the rest. */
export const PARKED_MS = 12 * 3600_000;

/**
 * The service's claim batch, read from its source (it is not exported), so the ceiling claims in batches of
 * the same size even after someone changes it.
 */
export function serviceBatchSize() {
  const file = path.join(repoRoot, 'services', 'tasks', 'src', 'domain', 'reminder.service.ts');
  const match = /^const BATCH = ([\d_]+);/m.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no \`const BATCH = …;\` in ${path.relative(repoRoot, file)}: the ceiling needs it`);
  return Number(match[1].replaceAll('_', ''));
}

const timed = async (db, text, values) => {
  const started = performance.now();
  await db.query(text, values);
  return (performance.now() - started) / 1000;
};

/**
 * One INSERT … SELECT generate_series per table. Task g is one of the due ones when g is a multiple of the
 * stride (so they lie spread over the table, as due rows do); of the others a fifth are done (no reminder rows),
 * two fifths were due in the last 30 days (their rows sent), two fifths are due 3 to 33 days ahead (rows
 * pending, in the due-time index). Each open task has the default reminders, a day and an hour before.
 * Resolves what it took, in seconds.
 */
export async function seedReminders(db) {
  const stride = Math.floor(REMINDER_TASKS / REMINDERS_DUE);
  // The rows are consistent by construction: skipping the per-row foreign-key triggers (superusers only)
  // makes the seed about twice as fast. Without the privilege it runs with them.
  const foreignKeysSkipped = await db.query('SET session_replication_role = replica').then(
    () => true,
    () => false,
  );
  await db.query("SET work_mem = '256MB'"); // the ORDER BY below sorts in memory
  const seconds = {};
  seconds.projects = await timed(
    db,
    `INSERT INTO projects (name, owner_id) SELECT 'Project ' || g, gen_random_uuid() FROM generate_series(1, $1) g`,
    [PROJECTS],
  );
  // Inserted in key order: the primary key then grows at its right edge instead of taking random page splits.
  seconds.tasks = await timed(
    db,
    `WITH p AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(owner_id ORDER BY id) AS owners FROM projects),
          s AS (SELECT g, g % $2 = 0 AND g / $2 <= $3 AS due, g % 5 AS class FROM generate_series(1, $1) g)
     INSERT INTO tasks (id, project_id, title, status, due_at, assignee_id, reminders, position, created_by, completed_at)
     SELECT gen_random_uuid(), p.ids[1 + g % $4], 'Task ' || g,
            CASE WHEN NOT due AND class = 1 THEN 'done' ELSE 'todo' END::task_status,
            CASE WHEN due THEN now() + interval '1 day'
                 WHEN class IN (1, 2, 3) THEN now() - interval '1 day' - (g % 43200) * interval '1 minute'
                 ELSE now() + interval '3 days' + (g % 43200) * interval '1 minute' END,
            CASE WHEN g % 2 = 0 THEN p.owners[1 + g % $4] END,
            '{1440,60}', lpad(g::text, 8, '0'), p.owners[1 + g % $4],
            CASE WHEN NOT due AND class = 1 THEN now() - interval '1 day' END
       FROM p, s ORDER BY 1`,
    [REMINDER_TASKS, stride, REMINDERS_DUE, PROJECTS],
  );
  seconds.reminders = await timed(
    db,
    `INSERT INTO task_reminders (task_id, offset_minutes, remind_at, sent_at)
     SELECT t.id, o.m, t.due_at - o.m * interval '1 minute',
            CASE WHEN t.due_at - o.m * interval '1 minute' <= now() THEN t.due_at - o.m * interval '1 minute' END
       FROM tasks t CROSS JOIN (VALUES (1440), (60)) o(m)
      WHERE t.status <> 'done' ORDER BY 1, 2`,
  );
  await db.query('RESET session_replication_role');
  await db.query('RESET work_mem');
  // The due ones' hour-before rows: the only pending rows less than two days ahead.
  await db.query(`CREATE TABLE bench_due AS SELECT task_id FROM task_reminders
                   WHERE offset_minutes = 60 AND sent_at IS NULL AND remind_at < now() + interval '2 days'`);
  await db.query('ALTER TABLE bench_due ADD PRIMARY KEY (task_id)');
  await db.query('CREATE TABLE bench_outbox (LIKE outbox INCLUDING ALL)'); // the ceiling's outbox
  // A live table has been vacuumed and analysed: hint bits set, the planner knowing the due-time index.
  seconds.vacuum = await timed(db, 'VACUUM ANALYZE projects, tasks, task_reminders');
  // Nor is a live database still writing out an import of a million rows: without this, the checkpoint the
  // seed's WAL set off spreads its writes over the measurements, and whichever side comes first after it
  // also writes a full-page image for every page it touches. (Superusers only; otherwise left to run.)
  await db.query('CHECKPOINT').catch(() => undefined);
  const counts = (
    await db.query(`SELECT (SELECT count(*) FROM bench_due)::int AS due,
                           (SELECT count(*) FROM task_reminders)::int AS rows,
                           (SELECT count(*) FROM task_reminders WHERE sent_at IS NULL)::int AS pending`)
  ).rows[0];
  if (counts.due !== REMINDERS_DUE) throw new Error(`the seed made ${counts.due} reminders due, not ${REMINDERS_DUE}`);
  return { seconds, foreignKeysSkipped, ...counts };
}

/** Makes the due rows pending again, due at `at`. */
export const setDue = (db, at) =>
  db.query(
    `UPDATE task_reminders r SET remind_at = $1, sent_at = NULL
       FROM bench_due d WHERE r.task_id = d.task_id AND r.offset_minutes = 60`,
    [at],
  );

/**
 * Before each measurement, the same starting point for both sides: the last claim's and reset's dead rows
 * vacuumed away, the due rows pending (parked far ahead until the measurement sets their instant).
 */
export async function resetDueRows(db) {
  await setDue(db, new Date(Date.now() + PARKED_MS));
  await db.query('TRUNCATE bench_outbox');
  await db.query('VACUUM task_reminders, outbox');
}

/**
 * True while a row due by `at` is not yet claimed and committed (the rows and their events commit together).
 * The figure polls it every few ms while the service claims, so it must cost next to nothing: it reads the
 * due-time index's first entry (ORDER BY … LIMIT 1). Written as `EXISTS (…)`, PostgreSQL took the pending
 * rows due by `at` for a third of the table (it multiplies the two conditions' shares, not knowing every
 * row in the past was sent) and planned a sequential scan expecting to stop early; once the due rows were
 * claimed, each poll read all 1 600 000 rows (130–290 ms), taking a core from the service and adding its own
 * time to the end of the figure.
 */
export const anyPending = async (db, at) =>
  (
    await db.query({
      name: 'any-pending',
      text: 'SELECT 1 FROM task_reminders WHERE sent_at IS NULL AND remind_at <= $1 ORDER BY remind_at LIMIT 1',
      values: [at],
    })
  ).rowCount > 0;

/** The due rows as the last measurement left them: how many were claimed, in how many batches, when. */
export async function claimedRows(db) {
  const { rows } = await db.query(
    `SELECT count(r.sent_at)::int AS claimed, count(DISTINCT r.sent_at)::int AS batches,
            (extract(epoch FROM min(r.sent_at)) * 1000)::float8 AS "firstMs",
            (extract(epoch FROM max(r.sent_at)) * 1000)::float8 AS "lastMs"
       FROM bench_due d JOIN task_reminders r ON r.task_id = d.task_id AND r.offset_minutes = 60`,
  );
  return rows[0];
}

/**
 * The plan of the service's own claim query (its SQL from reminder.repository.ts, not a copy), as due at `at`:
 * the node that reads task_reminders, which should be an Index Scan using task_reminders_due_idx.
 */
export async function explainClaim(db, at, batch) {
  const { sql, params } = new PgDialect().sqlToQuery(claimDueRemindersSql(at, batch));
  const { rows } = await db.query(`EXPLAIN ${sql}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']);
  const node = plan.find((line) => /Scan .*on task_reminders\b/.test(line) && !/_pk\b/.test(line));
  return { node: node?.replace(/^[\s->]+/, '').trim() ?? '(no scan of task_reminders found)', plan };
}
