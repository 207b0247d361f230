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

/** Pretends time has passed: the task's unsent reminders (or the one of `offset`) are now due, just. */
const makeDue = (taskId: string, offset?: number) =>
  h.pool.query(
    "UPDATE task_reminders SET remind_at = now() - interval '1 second' WHERE task_id = $1 AND ($2::int IS NULL OR offset_minutes = $2)",
    [taskId, offset ?? null],
  );

/** The stored plan as [offset, remind at (ms), sent?], largest offset first. */
const plan = async (taskId: string) =>
  (await plannedReminders(taskId)).map((r) => [r.offset_minutes, r.remind_at.getTime(), r.sent_at !== null]);

const patch = async (taskId: string, body: Record<string, unknown>) => {
  const res = await h.request<Task>('PATCH', `/api/tasks/${taskId}`, { token: owner.token, body });
  expect(res.status).toBe(200);
  return res.body;
};

/** Several more ticks of both schedulers, for asserting that nothing more is sent. */
const settle = () => new Promise((r) => setTimeout(r, 400));

const reminderEvents = (taskId: string) =>
  h.events.filter(
    (e): e is EventEnvelope<'task.reminder_due'> => e.type === 'task.reminder_due' && e.data.task.id === taskId,
  );

/** Makes one reminder due and waits for its event, as if its time had come. */
async function fire(taskId: string, offsetMinutes: number) {
  await makeDue(taskId, offsetMinutes);
  await waitFor(() => reminderEvents(taskId).some((e) => e.data.offsetMinutes === offsetMinutes), {
    what: `the ${offsetMinutes}-minute reminder`,
  });
}

describe('reminders', () => {
  it('plans one reminder per offset before the due date', async () => {
    const dueAt = inDays(2);
    const task = await createTask(h, owner, projectId, { dueAt });
    expect(await plan(task.id)).toEqual([
      [1440, Date.parse(dueAt) - 1440 * 60_000, false],
      [60, Date.parse(dueAt) - 60 * 60_000, false],
    ]);
  });

  it('fires each due reminder once, to the assignee (or the creator), even with two schedulers', async () => {
    const assigned = await createTask(h, owner, projectId, { dueAt: inDays(2), assigneeId: mate.id });
    const unassigned = await createTask(h, owner, projectId, { dueAt: inDays(2), reminders: [30] });
    await Promise.all([makeDue(assigned.id), makeDue(unassigned.id)]);
    await waitFor(() => reminderEvents(assigned.id).length === 2 && reminderEvents(unassigned.id).length === 1, {
      what: 'reminders',
    });
    await settle();
    expect(
      reminderEvents(assigned.id)
        .map((e) => [e.data.recipientId, e.data.offsetMinutes, e.actorId, e.data.late])
        .sort(),
    ).toEqual([
      [mate.id, 1440, null, false],
      [mate.id, 60, null, false],
    ]);
    expect(reminderEvents(unassigned.id).map((e) => [e.data.recipientId, e.data.offsetMinutes])).toEqual([
      [owner.id, 30],
    ]);
    expect((await plannedReminders(assigned.id)).every((r) => r.sent_at !== null)).toBe(true);

    // Each fired reminder is counted once in how late it was claimed, by whichever instance claimed it.
    let counted = 0;
    for (const url of h.urls) {
      const text = await (await fetch(`${url}/metrics`)).text();
      counted += Number(/^reminder_claim_lag_seconds_count\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
    }
    expect(counted).toBe(h.events.filter((e) => e.type === 'task.reminder_due').length);
    expect(counted).toBeGreaterThanOrEqual(3);
  });

  it('starts over when the due date changes, including reminders that already fired', async () => {
    const task = await createTask(h, owner, projectId, { dueAt: inDays(2), reminders: [1440, 60] });
    await fire(task.id, 1440);
    const later = inDays(3);
    await patch(task.id, { dueAt: later });
    expect(await plan(task.id)).toEqual([
      [1440, Date.parse(later) - 1440 * 60_000, false],
      [60, Date.parse(later) - 60 * 60_000, false],
    ]);
  });

  it('cancels every reminder when the task is done, when its due date is cleared, and when it is deleted', async () => {
    const done = await createTask(h, owner, projectId, { dueAt: inDays(2) });
    await patch(done.id, { status: 'done' });
    expect(await plan(done.id)).toEqual([]);
    const cleared = await createTask(h, owner, projectId, { dueAt: inDays(2) });
    await patch(cleared.id, { dueAt: null });
    expect(await plan(cleared.id)).toEqual([]);
    const deleted = await createTask(h, owner, projectId, { dueAt: inDays(2) });
    expect(await plan(deleted.id)).toHaveLength(2);
    expect((await h.request('DELETE', `/api/tasks/${deleted.id}`, { token: owner.token })).status).toBe(204);
    expect(await plan(deleted.id)).toEqual([]);
  });

  it('moves pending reminders to a new assignee without sending the fired ones again', async () => {
    const task = await createTask(h, owner, projectId, { dueAt: inDays(2), reminders: [1440, 60] });
    await fire(task.id, 1440); // to the creator: nobody is assigned
    await patch(task.id, { assigneeId: mate.id });
    expect(await plan(task.id)).toEqual([
      [1440, expect.any(Number), true],
      [60, expect.any(Number), false],
    ]);
    await fire(task.id, 60);
    await settle();
    expect(reminderEvents(task.id).map((e) => [e.data.offsetMinutes, e.data.recipientId])).toEqual([
      [1440, owner.id],
      [60, mate.id],
    ]);
  });

  it('keeps what already fired when the reminder list or the column changes', async () => {
    const task = await createTask(h, owner, projectId, { dueAt: inDays(2), reminders: [1440, 60] });
    await fire(task.id, 1440);
    await patch(task.id, { reminders: [1440, 30] });
    expect(await plan(task.id)).toEqual([
      [1440, expect.any(Number), true],
      [30, Date.parse(task.dueAt!) - 30 * 60_000, false],
    ]);
    await patch(task.id, { status: 'in_progress' });
    expect((await plan(task.id)).map(([offset, , sent]) => [offset, sent])).toEqual([
      [1440, true],
      [30, false],
    ]);
    await settle();
    expect(reminderEvents(task.id).map((e) => e.data.offsetMinutes)).toEqual([1440]);
  });

  it('plans only reminders still ahead, at creation and when a done task is reopened', async () => {
    const soon = new Date(Date.now() + 30 * 60_000).toISOString(); // a one-day reminder is already past
    const task = await createTask(h, owner, projectId, { dueAt: soon, reminders: [1440, 60, 10] });
    expect((await plan(task.id)).map(([offset]) => offset)).toEqual([10]);
    await patch(task.id, { status: 'done' });
    expect(await plan(task.id)).toEqual([]);
    await patch(task.id, { status: 'todo' });
    expect((await plan(task.id)).map(([offset]) => offset)).toEqual([10]);
    await settle();
    expect(reminderEvents(task.id)).toEqual([]);
  });
});
