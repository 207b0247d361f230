// The reminders figure's ceiling: the bare claim, i.e. what this machine's PostgreSQL does for the scheduler's
// essential writes without any of our code — `FOR UPDATE SKIP LOCKED` over the due-time index in batches of
// the service's size, marking the rows sent and writing one minimal outbox-shaped row per claim, each batch one
// statement (its own transaction), until a batch comes back short (as the service's drainInBatches does).
// Run by scripts/bench/reminders.mjs as a child process (IPC): DATABASE_URL, CLAIM_AT (the instant the rows
// are due at: the claim's `now`), BATCH. It connects, says `ready`, claims on `go`, reports what it timed, and
// closes on `end` (its backend stays until then, so the parent can read the CPU that backend used).
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const at = new Date(process.env.CLAIM_AT);
const batch = Number(process.env.BATCH);
const claim = {
  name: 'bare-claim',
  // bench_outbox is `LIKE outbox INCLUDING ALL`: the same columns, key and index, but no relay reading it.
  text: `WITH due AS (
           SELECT task_id, offset_minutes FROM task_reminders
           WHERE sent_at IS NULL AND remind_at <= $1
           ORDER BY remind_at LIMIT $2
           FOR UPDATE SKIP LOCKED),
         sent AS (
           UPDATE task_reminders r SET sent_at = $1 FROM due
           WHERE r.task_id = due.task_id AND r.offset_minutes = due.offset_minutes
           RETURNING r.task_id, r.offset_minutes)
         INSERT INTO bench_outbox (id, type, payload)
         SELECT gen_random_uuid(), 'task.reminder_due',
                json_build_object('taskId', task_id, 'offsetMinutes', offset_minutes)
           FROM sent`,
  values: [at, batch],
};

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
process.send({ ready: true });
process.on('message', async (message) => {
  if (message === 'end') {
    await client.end();
    process.disconnect();
    return;
  }
  try {
    const started = performance.now();
    let claimed = 0;
    let batches = 0;
    for (;;) {
      const { rowCount } = await client.query(claim);
      claimed += rowCount;
      batches++;
      if (rowCount < batch) break;
    }
    process.send({ ms: performance.now() - started, claimed, batches });
  } catch (error) {
    process.send({ error: error.message });
  }
});
