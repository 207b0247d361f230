import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, Member, Task } from '@taskflow/contracts/api';
import { addComment, addMember, createProject, createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';

/**
 * Who may do what to a project and its members. The answers: a member without the right gets 403
 * (they may see the project), anyone outside it 404 (they learn nothing), and the owner's own
 * membership is fixed (409 owner_immutable).
 */

let h: Harness;
let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let other: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  h = await startHarness();
  [owner, admin, member, other, stranger] = await Promise.all([
    registerUser(h, { name: 'Owner' }),
    registerUser(h, { name: 'Admin' }),
    registerUser(h, { name: 'Member' }),
    registerUser(h, { name: 'Other' }),
    registerUser(h),
  ]);
});
afterAll(async () => {
  await h?.close();
});

/** A project with an owner, an admin and two plain members. */
async function team(): Promise<string> {
  const { id } = await createProject(h, owner);
  await addMember(h, owner, id, admin, 'admin');
  await addMember(h, owner, id, member);
  await addMember(h, owner, id, other);
  return id;
}

const status = async (method: string, path: string, by: TestUser, body?: unknown) =>
  (await h.request(method, path, { token: by.token, body })).status;

describe('project rights', () => {
  it('lets the owner and admins edit the project (200), other members 403, strangers 404', async () => {
    const pid = await team();
    const path = `/api/projects/${pid}`;
    expect(await status('PATCH', path, owner, { name: 'By owner' })).toBe(200);
    expect(await status('PATCH', path, admin, { description: 'By admin' })).toBe(200);
    expect(await status('PATCH', path, member, { name: 'No' })).toBe(403);
    expect(await status('PATCH', path, stranger, { name: 'No' })).toBe(404);
  });

  it('lets only the owner delete the project (204), with its tasks, comments and history', async () => {
    const pid = await team();
    const task = await createTask(h, member, pid);
    await addComment(h, member, task.id, 'bye');
    const path = `/api/projects/${pid}`;
    expect(await status('DELETE', path, admin)).toBe(403);
    expect(await status('DELETE', path, member)).toBe(403);
    expect(await status('DELETE', path, stranger)).toBe(404);
    expect(await status('DELETE', path, owner)).toBe(204);
    expect(await status('GET', path, admin)).toBe(404);
    const left = await h.pool.query(
      `SELECT (SELECT count(*) FROM tasks WHERE project_id = $1)::int
            + (SELECT count(*) FROM comments WHERE project_id = $1)::int
            + (SELECT count(*) FROM task_activity WHERE task_id = $2)::int AS n`,
      [pid, task.id],
    );
    expect(left.rows[0].n).toBe(0);
    await h.waitForEvent((e) => e.type === 'project.deleted' && e.data.project.id === pid);
  });

  it('never deletes a personal project, even for its owner (409 personal_project_protected)', async () => {
    const res = await h.request('DELETE', `/api/projects/${owner.personalProjectId}`, { token: owner.token });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'personal_project_protected' });
    expect(await status('GET', `/api/projects/${owner.personalProjectId}`, owner)).toBe(200);
  });

  it('takes a deleted project out of every member’s lists, My tasks included', async () => {
    const pid = await team();
    const task = await createTask(h, owner, pid, { assigneeId: member.id, dueAt: '2031-01-01T09:00:00.000Z' });
    const mine = async () =>
      (await h.request<{ items: Task[] }>('GET', '/api/tasks?assignee=me', { token: member.token })).body.items;
    expect((await mine()).map((t) => t.id)).toContain(task.id);
    expect(await status('DELETE', `/api/projects/${pid}`, owner)).toBe(204);
    expect((await mine()).map((t) => t.id)).not.toContain(task.id);
    const projects = await h.request<{ items: Array<{ id: string }> }>('GET', '/api/projects', { token: member.token });
    expect(projects.body.items.map((p) => p.id)).not.toContain(pid);
    for (const by of [owner, admin, member]) {
      expect(await status('GET', `/api/tasks/${task.id}`, by)).toBe(404);
      expect(await status('GET', `/api/projects/${pid}/members`, by)).toBe(404);
    }
  });
});

describe('member rights', () => {
  it('lets the owner and admins change roles, never the owner’s', async () => {
    const pid = await team();
    const role = (target: TestUser, by: TestUser, value: string) =>
      h.request<Member>('PATCH', `/api/projects/${pid}/members/${target.id}`, {
        token: by.token,
        body: { role: value },
      });
    expect((await role(member, owner, 'admin')).body).toMatchObject({ userId: member.id, role: 'admin' });
    expect((await role(member, admin, 'member')).body).toMatchObject({ role: 'member' });
    expect((await role(other, member, 'admin')).status).toBe(403);
    expect((await role(member, stranger, 'admin')).status).toBe(404);
    for (const by of [owner, admin]) {
      const res = await role(owner, by, 'member');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'owner_immutable' });
    }
    expect((await role(member, owner, 'owner')).status).toBe(400);
    expect((await role(stranger, owner, 'admin')).status).toBe(404);
  });

  it('lets the owner and admins remove members, a member leave, and nobody remove the owner', async () => {
    const pid = await team();
    const path = (target: TestUser) => `/api/projects/${pid}/members/${target.id}`;
    expect(await status('DELETE', path(other), member)).toBe(403);
    expect(await status('DELETE', path(owner), member)).toBe(403);
    expect(await status('DELETE', path(member), stranger)).toBe(404);
    for (const by of [admin, owner]) {
      const res = await h.request('DELETE', path(owner), { token: by.token });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'owner_immutable' });
    }
    expect(await status('DELETE', path(stranger), owner)).toBe(404);

    expect(await status('DELETE', path(member), member)).toBe(204); // leaving
    expect(await status('GET', `/api/projects/${pid}`, member)).toBe(404);
    expect(await status('DELETE', path(other), admin)).toBe(204);
    expect(await status('DELETE', path(admin), owner)).toBe(204);
    const { body } = await h.request<{ items: Member[] }>('GET', `/api/projects/${pid}/members`, {
      token: owner.token,
    });
    expect(body.items.map((m) => m.userId)).toEqual([owner.id]);

    await h.waitForEvent((e) => e.type === 'project.member_removed' && e.data.userId === admin.id);
    expect(
      h.events
        .filter((e) => e.type === 'project.member_removed' && e.data.projectId === pid)
        .map((e) => [e.actorId, e.type === 'project.member_removed' && e.data.userId]),
    ).toEqual([
      [member.id, member.id],
      [admin.id, other.id],
      [owner.id, admin.id],
    ]);
  });

  it('shuts whoever left or was removed out of the project’s tasks, comments and history (404)', async () => {
    const pid = await team();
    const task = await createTask(h, owner, pid);
    const comment = await addComment(h, other, task.id, 'mine');
    expect(await status('DELETE', `/api/projects/${pid}/members/${member.id}`, member)).toBe(204); // leaves
    expect(await status('DELETE', `/api/projects/${pid}/members/${other.id}`, admin)).toBe(204); // removed
    for (const gone of [member, other]) {
      expect(await status('GET', `/api/tasks/${task.id}`, gone)).toBe(404);
      expect(await status('PATCH', `/api/tasks/${task.id}`, gone, { title: 'Still here?' })).toBe(404);
      expect(await status('GET', `/api/tasks/${task.id}/comments`, gone)).toBe(404);
      expect(await status('POST', `/api/tasks/${task.id}/comments`, gone, { body: 'hello?' })).toBe(404);
      expect(await status('GET', `/api/tasks/${task.id}/activity`, gone)).toBe(404);
      expect(await status('GET', `/api/projects/${pid}/tasks`, gone)).toBe(404);
      expect(await status('POST', `/api/projects/${pid}/members`, gone, { email: stranger.email })).toBe(404);
    }
    // Their comment stays, and only the project's managers may now delete it.
    expect(await status('DELETE', `/api/comments/${comment.id}`, other)).toBe(404);
    expect(await status('DELETE', `/api/comments/${comment.id}`, admin)).toBe(204);
  });

  it('lets an admin step down or leave, and a demoted admin loses the rights at once (403)', async () => {
    const pid = await team();
    const res = await h.request<Member>('PATCH', `/api/projects/${pid}/members/${admin.id}`, {
      token: admin.token,
      body: { role: 'member' },
    });
    expect(res.body).toMatchObject({ userId: admin.id, role: 'member' });
    expect(await status('PATCH', `/api/projects/${pid}/members/${member.id}`, admin, { role: 'admin' })).toBe(403);
    expect(await status('DELETE', `/api/projects/${pid}/members/${member.id}`, admin)).toBe(403);
    expect(await status('PATCH', `/api/projects/${pid}`, admin, { name: 'No longer mine' })).toBe(403);
    expect(await status('PATCH', `/api/projects/${pid}/members/${admin.id}`, owner, { role: 'admin' })).toBe(200);
    expect(await status('DELETE', `/api/projects/${pid}/members/${admin.id}`, admin)).toBe(204); // leaves
    expect(await status('GET', `/api/projects/${pid}`, admin)).toBe(404);
  });

  it('unassigns every task of a removed member in that project, open or done, and says so in the history', async () => {
    const pid = await team();
    const open = await createTask(h, owner, pid, { assigneeId: member.id });
    const done = await createTask(h, owner, pid, { assigneeId: member.id, status: 'done' });
    const elsewhere = await createTask(h, member, member.personalProjectId, { assigneeId: member.id });
    expect(await status('DELETE', `/api/projects/${pid}/members/${member.id}`, admin)).toBe(204);

    for (const task of [open, done]) {
      const after = await h.request<Task>('GET', `/api/tasks/${task.id}`, { token: owner.token });
      expect(after.body).toMatchObject({ assigneeId: null, version: 2 });
      const history = await h.request<{ items: ActivityEntry[] }>('GET', `/api/tasks/${task.id}/activity`, {
        token: owner.token,
      });
      expect(history.body.items[0]).toMatchObject({
        type: 'updated',
        actor: { id: admin.id, name: 'Admin' },
        changes: { assigneeId: [member.id, null] },
      });
      await h.waitForEvent((e) => e.type === 'task.updated' && e.data.task.id === task.id && e.actorId === admin.id);
    }
    const mine = await h.request<Task>('GET', `/api/tasks/${elsewhere.id}`, { token: member.token });
    expect(mine.body.assigneeId).toBe(member.id);
  });
});
