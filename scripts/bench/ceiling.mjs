// 1. The ceiling: what this machine does right now for the board's query without any of our stack —
// bench/ceiling-server.mjs (bare node:http + pg) over a table shaped like the tasks table. The board's figures
// are read as ratios to it, so a slow or busy machine does not read as a slow service.
import { fork } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../lib/system.mjs';
import { cpuSnapshot } from './diagnostics.mjs';
import { load } from './load.mjs';
import { loadOpenLoop } from './open-loop.mjs';
import { databaseUrl, stack } from './options.mjs';

async function createCeilingTable(projectId) {
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(stack.ceilingDatabase)}`);
  await admin.end();
  const db = new pg.Client({ connectionString: databaseUrl(stack.ceilingDatabase) });
  await db.connect();
  try {
    // Shaped like tasks.tasks with its board index; 200 rows in the measured project among 20 000.
    await db.query(`
      CREATE TABLE bench_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), project_id uuid NOT NULL, title text NOT NULL,
        description text NOT NULL DEFAULT '', status text NOT NULL DEFAULT 'todo', priority text NOT NULL DEFAULT 'medium',
        due_at timestamptz, assignee_id uuid, labels text[] NOT NULL DEFAULT '{}', position text NOT NULL,
        created_by uuid NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1);
      CREATE INDEX bench_tasks_board_idx ON bench_tasks (project_id, status, position, id);`);
    await db.query(
      `INSERT INTO bench_tasks (project_id, title, position, created_by)
       SELECT CASE WHEN g <= 200 THEN $1::uuid ELSE md5((g / 200)::text)::uuid END,
              'Bench task ' || g, lpad(g::text, 6, '0'), $1::uuid
         FROM generate_series(1, 20000) g`,
      [projectId],
    );
    await db.query('ANALYZE bench_tasks');
  } finally {
    await db.end();
  }
}

/**
 * Creates the ceiling's table and starts its server; resolves `measure({ rate })` (closed loop without a rate,
 * open loop at `rate` req/s) and `stop()`.
 */
export async function startCeiling(projectId) {
  await createCeilingTable(projectId);
  const child = fork(path.join(repoRoot, 'bench', 'ceiling-server.mjs'), {
    env: { ...process.env, DATABASE_URL: databaseUrl(stack.ceilingDatabase), PROJECT_ID: projectId },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  const port = await Promise.race([
    new Promise((resolve) => child.once('message', (m) => resolve(m.port))),
    exited.then((code) => Promise.reject(new Error(`the ceiling server exited (${code})`))),
  ]);
  return {
    measure({ rate } = {}) {
      const url = `http://127.0.0.1:${port}/`;
      const watch = () => cpuSnapshot({ ceiling: child.pid });
      return rate ? loadOpenLoop(url, {}, { rate, watch }) : load(url, {}, { watch });
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
