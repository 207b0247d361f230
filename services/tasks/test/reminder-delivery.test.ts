import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { EventEnvelope } from '@taskflow/contracts/events';
import { waitFor } from '@taskflow/service-kit/testing';
import { claimDueRemindersSql, dispatchDueRemindersSql } from '../src/data/reminder.repository';
import { createProject, createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';
import { planNodes, seqScansOf } from './plans';

/**
 * Reminders under load and across an outage, on two instances whose schedulers race, with the
 * service's clock in the test's hands.
 */

let h: Harness;
let owner: TestUser;
let projectId: string;
let clock = new Date();
const HOUR = 3_600_000;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await startHarness({ instances: 2, now: () => clock });
  owner = await registerUser(h);
  projectId = (await createProject(h, owner)).id;
});
afterAll(async () => {
  await h?.close();
});

const reminderEvents = (taskIds?: Set<string>) =>
  h.events.filter(
    (e): e is EventEnvelope<'task.reminder_due'> =>
      e.type === 'task.reminder_due' && (!taskIds || taskIds.has(e.data.task.id)),
  );

describe('reminder delivery', () => {
  it('goes out on time, not late, when the service is running at the reminder’s time', async () => {
    const task = await createTask(h, owner, projectId, {
      dueAt: new Date(clock.getTime() + 2 * HOUR).toISOString(),
      reminders: [60],
    });
    advance(HOUR + 1000);
    const [event] = await waitFor(() => reminderEvents(new Set([task.id])).at(0) && reminderEvents(new Set([task.id])));
    expect(event!.data).toMatchObject({ offsetMinutes: 60, recipientId: owner.id, late: false });
  });

  it('fires once on start, marked late, when every instance was down across its time', async () => {
    const task = await createTask(h, owner, projectId, {
      dueAt: new Date(clock.getTime() + 2 * HOUR).toISOString(),
      reminders: [60],
    });
    await h.stopInstances();
    advance(3 * HOUR); // the reminder's time (and the due time) pass while nothing runs
    await h.startInstances();
    const ofTask = () => reminderEvents(new Set([task.id]));
    await waitFor(() => ofTask().length > 0, { what: 'the late reminder' });
    // A second restart must not send it again.
    await h.stopInstances();
    await h.startInstances();
    await pause(500);
    expect(ofTask().map((e) => [e.data.offsetMinutes, e.data.late])).toEqual([[60, true]]);
  });

  it('sends 1 000 reminders coming due together exactly once each across two instances', async () => {
    const { rows } = await h.pool.query<{ task_id: string }>(
      `WITH bulk AS (
         INSERT INTO tasks (project_id, title, position, created_by, due_at, reminders)
         SELECT $1, 'Bulk ' || g, 'b' || lpad(g::text, 6, '0'), $2, $3::timestamptz + interval '1 day', '{1440,60}'
         FROM generate_series(1, 500) g
         RETURNING id)
       INSERT INTO task_reminders (task_id, offset_minutes, remind_at)
       SELECT id, o, $3::timestamptz FROM bulk, unnest(ARRAY[1440, 60]) o
       RETURNING task_id`,
      [projectId, owner.id, clock.toISOString()],
    );
    const bulk = new Set(rows.map((r) => r.task_id));
    expect(rows).toHaveLength(1000);
    const started = performance.now();
    await waitFor(() => reminderEvents(bulk).length >= 1000, { timeoutMs: 15_000, what: '1 000 reminders' });
    const seconds = (performance.now() - started) / 1000;
    await pause(500); // more ticks of both schedulers
    const events = reminderEvents(bulk);
    expect(events).toHaveLength(1000);
    expect(new Set(events.map((e) => `${e.data.task.id}/${e.data.offsetMinutes}`)).size).toBe(1000);
    expect(events.every((e) => !e.data.late)).toBe(true);
    expect(seconds).toBeLessThan(10);
  });

  it('claims through the due-time index, not a scan, on a large table with few due', async () => {
    const client = await h.pool.connect();
    try {
      await client.query('BEGIN');
      // 200 000 reminder rows (8 000 tasks × 25 offsets, due from a week ago to a week ahead)
      // as a live table holds them: those whose time has passed sent, the rest pending, and a
      // handful due now. Seeded in this transaction and rolled back after.
      await client.query(
        `WITH bulk AS (
           INSERT INTO tasks (project_id, title, position, created_by, due_at)
           SELECT $1, 'Seed ' || g, 's' || lpad(g::text, 6, '0'), $2, $3::timestamptz + (g - 4000) * interval '2.5 minutes'
           FROM generate_series(1, 8000) g
           RETURNING id, due_at)
         INSERT INTO task_reminders (task_id, offset_minutes, remind_at, sent_at)
         SELECT id, o, due_at - o * interval '1 minute',
                CASE WHEN due_at - o * interval '1 minute' < $3::timestamptz THEN due_at - o * interval '1 minute' END
         FROM bulk, generate_series(0, 1440, 60) o`,
        [projectId, owner.id, clock.toISOString()],
      );
      await client.query(
        `UPDATE task_reminders SET remind_at = $1::timestamptz - interval '1 minute'
         WHERE sent_at IS NULL AND task_id IN (SELECT task_id FROM task_reminders WHERE sent_at IS NULL LIMIT 5)`,
        [clock.toISOString()],
      );
      await client.query('ANALYZE task_reminders');
      await client.query('ANALYZE tasks');
      // The claim alone, and the batch as the scheduler runs it (the claim, the tasks, the outbox).
      for (const statement of [claimDueRemindersSql(clock, 500), dispatchDueRemindersSql(clock, 500, 60_000)]) {
        const query = new PgDialect().sqlToQuery(statement);
        const nodes = await planNodes(client, query.sql, query.params);
        expect(nodes).toContainEqual(
          expect.objectContaining({ 'Node Type': 'Index Scan', 'Index Name': 'task_reminders_due_idx' }),
        );
        expect(seqScansOf(nodes, 'task_reminders')).toEqual([]);
        expect(seqScansOf(nodes, 'tasks')).toEqual([]);
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
