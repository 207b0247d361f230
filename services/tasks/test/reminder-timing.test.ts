import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@taskflow/contracts/events';
import { drizzle } from 'drizzle-orm/node-postgres';
import { waitFor } from '@taskflow/service-kit/testing';
import { schema } from '../src/data/database';
import { nextReminderAt } from '../src/data/reminder.repository';
import { createProject, createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';

/**
 * With a scheduler tick of a minute, a reminder due in a few seconds still goes out at its time:
 * the request that plans it wakes the scheduler, and after a restart the scheduler sleeps until the
 * next pending one rather than a whole tick. Each test waits well under the tick, so it fails if
 * the reminder waits for one.
 */

const TICK_MS = 60_000;
const WAIT = { timeoutMs: 20_000 };

let h: Harness;
let owner: TestUser;
let projectId: string;

beforeAll(async () => {
  h = await startHarness({ reminderTickMs: TICK_MS });
  owner = await registerUser(h);
  projectId = (await createProject(h, owner)).id;
});
afterAll(async () => {
  await h?.close();
});

const reminderOf = (taskId: string) =>
  h.events.find(
    (e): e is EventEnvelope<'task.reminder_due'> => e.type === 'task.reminder_due' && e.data.task.id === taskId,
  );

const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);

async function remindAtOf(taskId: string): Promise<Date> {
  const { rows } = await h.pool.query<{ remind_at: Date }>('SELECT remind_at FROM task_reminders WHERE task_id = $1', [
    taskId,
  ]);
  expect(rows).toHaveLength(1);
  return rows[0]!.remind_at;
}

describe('reminders go out at their time, not at the next tick', () => {
  it('a reminder planned when a task is created wakes the scheduler', async () => {
    const task = await createTask(h, owner, projectId, { dueAt: secondsFromNow(3).toISOString(), reminders: [0] });
    const remindAt = await remindAtOf(task.id);
    const event = await waitFor(() => reminderOf(task.id), { ...WAIT, what: 'the reminder, before the next tick' });
    // Not before its time either.
    expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(remindAt.getTime());
    expect(event.data).toMatchObject({ offsetMinutes: 0, recipientId: owner.id, late: false });
  });

  it('a due date moved closer wakes it too', async () => {
    const task = await createTask(h, owner, projectId, {
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      reminders: [0],
    });
    const res = await h.request('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { dueAt: secondsFromNow(3).toISOString() },
    });
    expect(res.status).toBe(200);
    const remindAt = await remindAtOf(task.id);
    const event = await waitFor(() => reminderOf(task.id), { ...WAIT, what: 'the reminder of the moved due date' });
    expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(remindAt.getTime());
  });

  it('after a restart the scheduler sleeps until the next pending reminder, not a tick', async () => {
    const task = await createTask(h, owner, projectId, {
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      reminders: [0],
    });
    await h.stopInstances();
    // Moved while no instance runs, so no request tells a scheduler about it: only the plan does.
    const { rows } = await h.pool.query<{ remind_at: Date }>(
      "UPDATE task_reminders SET remind_at = now() + interval '5 seconds' WHERE task_id = $1 RETURNING remind_at",
      [task.id],
    );
    await h.startInstances(); // its first round finds nothing due yet
    const event = await waitFor(() => reminderOf(task.id), { ...WAIT, what: 'the reminder after the restart' });
    expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(rows[0]!.remind_at.getTime());
  });

  it('sleeps until the next reminder still ahead, not one another instance holds', async () => {
    const dueIn = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    const [held, ahead] = [
      await createTask(h, owner, projectId, { dueAt: dueIn(24), reminders: [0] }),
      await createTask(h, owner, projectId, { dueAt: dueIn(1), reminders: [0] }),
    ];
    const client = await h.pool.connect();
    try {
      // One due a minute ago and still unsent, as while another instance's claim of it has not
      // committed; seen from inside the transaction that holds it, so no round of the service takes it.
      await client.query('BEGIN');
      await client.query("UPDATE task_reminders SET remind_at = now() - interval '1 minute' WHERE task_id = $1", [
        held.id,
      ]);
      const next = await nextReminderAt(drizzle(client, { schema }), new Date());
      expect(next?.getTime()).toBe((await remindAtOf(ahead.id)).getTime());
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
