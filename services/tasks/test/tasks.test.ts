import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@taskflow/contracts/api';
import { createTask, startTeam, type TestUser } from './factories';
import type { Harness } from './harness';

let h: Harness;
let owner: TestUser;
let mate: TestUser;
let stranger: TestUser;
let projectId: string;

beforeAll(async () => {
  ({ h, owner, mate, stranger, projectId } = await startTeam());
});
afterAll(async () => {
  await h?.close();
});

describe('task CRUD', () => {
  it('creates, reads, updates and deletes a task, with an event for each', async () => {
    const created = await h.request<Task>('POST', `/api/projects/${projectId}/tasks`, {
      token: owner.token,
      body: {
        title: '  Write spec ',
        description: 'md',
        priority: 'high',
        labels: ['docs'],
        dueAt: '2031-05-01T10:00:00.000Z',
      },
    });
    expect(created.status).toBe(201);
    const task = created.body;
    expect(task).toMatchObject({
      projectId,
      title: 'Write spec',
      description: 'md',
      status: 'todo',
      priority: 'high',
      labels: ['docs'],
      dueAt: '2031-05-01T10:00:00.000Z',
      reminders: [1440, 60],
      assigneeId: null,
      assignee: null,
      createdBy: owner.id,
      completedAt: null,
      version: 1,
    });
    const noDue = await createTask(h, owner, projectId);
    expect(noDue.reminders).toEqual([]);
    await h.waitForEvent((e) => e.type === 'task.created' && e.data.task.id === task.id && e.actorId === owner.id);

    expect((await h.request<Task>('GET', `/api/tasks/${task.id}`, { token: mate.token })).body).toEqual(task);

    const patched = await h.request<Task>('PATCH', `/api/tasks/${task.id}`, {
      token: mate.token,
      body: { title: 'Write the spec', priority: 'high' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Write the spec', version: 2 });
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
    const updated = await h.waitForEvent((e) => e.type === 'task.updated' && e.data.task.id === task.id);
    expect(updated.actorId).toBe(mate.id);
    expect(updated.data).toMatchObject({ changes: { title: ['Write spec', 'Write the spec'] } });
    expect(Object.keys((updated.data as { changes: object }).changes)).toEqual(['title']);

    const same = await h.request<Task>('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { title: 'Write the spec' },
    });
    expect(same.body.version).toBe(2);

    expect((await h.request('DELETE', `/api/tasks/${task.id}`, { token: owner.token })).status).toBe(204);
    expect((await h.request('GET', `/api/tasks/${task.id}`, { token: owner.token })).status).toBe(404);
    const deleted = await h.waitForEvent((e) => e.type === 'task.deleted' && e.data.task.id === task.id);
    expect(deleted.actorId).toBe(owner.id);
    expect(h.events.filter((e) => e.type === 'task.updated' && e.data.task.id === task.id)).toHaveLength(1);
  });

  it('publishes task.assigned with the task, assignee, previous assignee and actor', async () => {
    const task = await createTask(h, owner, projectId, { assigneeId: owner.id });
    expect(task.assignee).toEqual({ id: owner.id, name: 'Owner' });
    const first = await h.waitForEvent((e) => e.type === 'task.assigned' && e.data.task.id === task.id);
    expect(first).toMatchObject({
      producer: 'tasks',
      actorId: owner.id,
      data: { assigneeId: owner.id, previousAssigneeId: null },
    });

    const res = await h.request<Task>('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { assigneeId: mate.id },
    });
    expect(res.body.assignee).toEqual({ id: mate.id, name: 'Mate' });
    const second = await h.waitForEvent(
      (e) => e.type === 'task.assigned' && e.data.task.id === task.id && e.data.assigneeId === mate.id,
    );
    expect(second).toMatchObject({
      actorId: owner.id,
      data: { previousAssigneeId: owner.id, task: { assigneeId: mate.id, version: 2 } },
    });
  });

  it('rejects an assignee who is not a project member (400 naming assigneeId)', async () => {
    const res = await h.request('POST', `/api/projects/${projectId}/tasks`, {
      token: owner.token,
      body: { title: 'x', assigneeId: stranger.id },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'assignee_not_member', errors: [{ path: 'assigneeId' }] });
    const task = await createTask(h, owner, projectId);
    const patch = await h.request('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { assigneeId: stranger.id },
    });
    expect(patch.status).toBe(400);
    expect(patch.body).toMatchObject({ code: 'assignee_not_member', errors: [{ path: 'assigneeId' }] });
  });

  it('answers 412 version_conflict to a PATCH with a stale If-Match, and applies a current one', async () => {
    const task = await createTask(h, owner, projectId);
    const fresh = await h.request<Task>('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { title: 'v2' },
      headers: { 'If-Match': '1' },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(2);
    const stale = await h.request('PATCH', `/api/tasks/${task.id}`, {
      token: mate.token,
      body: { title: 'lost' },
      headers: { 'If-Match': '1' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_conflict');
    expect((await h.request<Task>('GET', `/api/tasks/${task.id}`, { token: owner.token })).body.title).toBe('v2');
  });

  it('sets completedAt when a task becomes done and clears it when it leaves done', async () => {
    const task = await createTask(h, owner, projectId);
    const done = await h.request<Task>('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { status: 'done' },
    });
    expect(done.body.status).toBe('done');
    expect(done.body.completedAt).not.toBeNull();
    const reopened = await h.request<Task>('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { status: 'in_progress' },
    });
    expect(reopened.body.completedAt).toBeNull();
    const born = await createTask(h, owner, projectId, { status: 'done' });
    expect(born.completedAt).not.toBeNull();
  });

  it("hides another user's tasks (404) and refuses them changes", async () => {
    const task = await createTask(h, owner, projectId);
    expect((await h.request('GET', `/api/tasks/${task.id}`, { token: stranger.token })).status).toBe(404);
    expect(
      (await h.request('PATCH', `/api/tasks/${task.id}`, { token: stranger.token, body: { title: 'x' } })).status,
    ).toBe(404);
    expect((await h.request('DELETE', `/api/tasks/${task.id}`, { token: stranger.token })).status).toBe(404);
    expect((await h.request('GET', `/api/tasks/${task.id}`, { token: owner.token })).status).toBe(200);
  });
});
