import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@taskflow/contracts/api';
import type { EventEnvelope } from '@taskflow/contracts/events';
import { waitFor } from '@taskflow/service-kit/testing';
import { addMember, createProject, createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';

let h: Harness;
let owner: TestUser;
let mate: TestUser;
let projectId: string;

beforeAll(async () => {
  // Two instances, so two reminder schedulers race for every due reminder.
  h = await startHarness({ instances: 2 });
  [owner, mate] = await Promise.all([registerUser(h), registerUser(h)]);
  projectId = (await createProject(h, owner)).id;
  await addMember(h, owner, projectId, mate);
});
afterAll(async () => {
  await h?.close();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function plannedReminders(taskId: string) {
  const { rows } = await h.pool.query<{ offset_minutes: number; remind_at: Date; sent_at: Date | null }>(
    'SELECT offset_minutes, remind_at, sent_at FROM task_reminders WHERE task_id = $1 ORDER BY offset_minutes DESC',
    [taskId],
  );
  return rows;
}

/** Pretends time has passed: every unsent reminder of the task is now due. */
const makeDue = (taskId: string) =>
  h.pool.query("UPDATE task_reminders SET remind_at = now() - interval '1 minute' WHERE task_id = $1", [taskId]);

const reminderEvents = (taskId: string) =>
  h.events.filter(
    (e): e is EventEnvelope<'task.reminder_due'> => e.type === 'task.reminder_due' && e.data.task.id === taskId,
  );

describe('reminders', () => {
  it('plans one reminder per offset before the due date', async () => {
    const dueAt = inDays(2);
    const task = await createTask(h, owner, projectId, { dueAt });
    const rows = await plannedReminders(task.id);
    expect(rows.map((r) => [r.offset_minutes, r.remind_at.getTime()])).toEqual([
      [1440, Date.parse(dueAt) - 1440 * 60_000],
      [60, Date.parse(dueAt) - 60 * 60_000],
    ]);
  });

  it('fires each due reminder once, to the assignee (or the creator), even with two schedulers', async () => {
    const assigned = await createTask(h, owner, projectId, { dueAt: inDays(2), assigneeId: mate.id });
    const unassigned = await createTask(h, owner, projectId, { dueAt: inDays(2), reminders: [30] });
    await Promise.all([makeDue(assigned.id), makeDue(unassigned.id)]);
    await waitFor(() => reminderEvents(assigned.id).length === 2 && reminderEvents(unassigned.id).length === 1, {
      what: 'reminders',
    });
    await new Promise((r) => setTimeout(r, 400)); // several more ticks of both schedulers
    expect(
      reminderEvents(assigned.id)
        .map((e) => [e.data.recipientId, e.data.offsetMinutes, e.actorId])
        .sort(),
    ).toEqual([
      [mate.id, 1440, null],
      [mate.id, 60, null],
    ]);
    expect(reminderEvents(unassigned.id).map((e) => [e.data.recipientId, e.data.offsetMinutes])).toEqual([
      [owner.id, 30],
    ]);
    expect((await plannedReminders(assigned.id)).every((r) => r.sent_at !== null)).toBe(true);
  });

  it('re-plans when the due date changes and cancels when the task is done', async () => {
    const task = await createTask(h, owner, projectId, { dueAt: inDays(2), reminders: [60] });
    const later = inDays(3);
    await h.request<Task>('PATCH', `/api/tasks/${task.id}`, { token: owner.token, body: { dueAt: later } });
    expect((await plannedReminders(task.id)).map((r) => r.remind_at.getTime())).toEqual([
      Date.parse(later) - 3_600_000,
    ]);
    await h.request<Task>('PATCH', `/api/tasks/${task.id}`, { token: owner.token, body: { status: 'done' } });
    expect(await plannedReminders(task.id)).toEqual([]);
    const cleared = await createTask(h, owner, projectId, { dueAt: inDays(2) });
    await h.request<Task>('PATCH', `/api/tasks/${cleared.id}`, { token: owner.token, body: { dueAt: null } });
    expect(await plannedReminders(cleared.id)).toEqual([]);
  });
});
