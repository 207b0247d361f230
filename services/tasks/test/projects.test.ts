import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Project, Task } from '@taskflow/contracts/api';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { waitFor } from '@taskflow/service-kit/testing';
import {
  addMember,
  createProject,
  createTask,
  personalProjectOf,
  registerUser,
  userRegisteredEvent,
  type TestUser,
} from './factories';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('user directory and personal projects', () => {
  it('gives a registered user one personal project "My tasks" and announces it', async () => {
    const user = await registerUser(h, { name: 'Ada' });
    const res = await h.request<{ items: Project[] }>('GET', '/api/projects', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: user.personalProjectId,
        name: 'My tasks',
        role: 'owner',
        memberCount: 1,
        personal: true,
      }),
    ]);
    const event = await h.waitForEvent(
      (e) => e.type === 'project.created' && e.data.project.id === user.personalProjectId,
    );
    expect(event).toMatchObject({
      producer: 'tasks',
      actorId: user.id,
      data: { project: { ownerId: user.id, personal: true } },
    });
  });

  it('handles a redelivered user.registered event once (one personal project)', async () => {
    const event = userRegisteredEvent();
    if (event.type !== 'user.registered') throw new Error('unreachable');
    await h.broker.publish(event);
    await h.broker.publish(event);
    const token = h.tokens.sign(event.data.userId);
    await waitFor(() => personalProjectOf(h, token), { what: 'personal project' });
    // A second copy with a new event id (auth re-emitting) must not create another one either.
    const copy = { ...event, id: crypto.randomUUID() };
    await h.broker.publish(copy);
    await waitFor(
      async () => {
        const { rowCount } = await h.pool.query('SELECT 1 FROM processed_events WHERE event_id = ANY($1::uuid[])', [
          [event.id, copy.id],
        ]);
        return rowCount === 2;
      },
      { what: 'both copies handled' },
    );
    const res = await h.request<{ items: Project[] }>('GET', '/api/projects', { token });
    expect(res.body.items.filter((p) => p.personal)).toHaveLength(1);
    await h.waitForEvent((e) => e.type === 'project.created' && e.actorId === event.data.userId);
    const created = h.events.filter((e) => e.type === 'project.created' && e.actorId === event.data.userId);
    expect(created).toHaveLength(1);
  });

  it('applies user.updated to the directory (member names follow)', async () => {
    const user = await registerUser(h, { name: 'Old Name' });
    await h.broker.publish(
      buildEvent(
        'auth',
        'user.updated',
        { userId: user.id, email: user.email, name: 'New Name', timezone: 'UTC' },
        user.id,
      ),
    );
    await waitFor(
      async () => {
        const res = await h.request<{ items: Member[] }>('GET', `/api/projects/${user.personalProjectId}/members`, {
          token: user.token,
        });
        return res.body.items[0]?.name === 'New Name';
      },
      { what: 'renamed member' },
    );
  });
});

describe('projects', () => {
  let owner: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    [owner, other] = await Promise.all([registerUser(h), registerUser(h)]);
  });

  it('creates a project owned by the caller and lists it after the personal one, by name', async () => {
    const res = await h.request<Project>('POST', '/api/projects', {
      token: owner.token,
      body: { name: 'Zeta', description: 'z' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Zeta', description: 'z', role: 'owner', memberCount: 1, personal: false });
    await createProject(h, owner, 'Alpha');
    const list = await h.request<{ items: Project[] }>('GET', '/api/projects', { token: owner.token });
    expect(list.body.items.map((p) => p.name)).toEqual(['My tasks', 'Alpha', 'Zeta']);
    const event = await h.waitForEvent((e) => e.type === 'project.created' && e.data.project.id === res.body.id);
    expect(event.actorId).toBe(owner.id);
    const got = await h.request<Project>('GET', `/api/projects/${res.body.id}`, { token: owner.token });
    expect(got.body).toEqual(res.body);
  });

  it('hides a project from non-members (404 for every route)', async () => {
    const project = await createProject(h, owner);
    for (const [method, path, body] of [
      ['GET', `/api/projects/${project.id}`],
      ['PATCH', `/api/projects/${project.id}`, { name: 'x' }],
      ['DELETE', `/api/projects/${project.id}`],
      ['GET', `/api/projects/${project.id}/members`],
      ['POST', `/api/projects/${project.id}/members`, { email: other.email }],
      ['GET', `/api/projects/${project.id}/tasks`],
      ['POST', `/api/projects/${project.id}/tasks`, { title: 'x' }],
    ] as const) {
      const res = await h.request(method, path, { token: other.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('lets owners rename (project.updated with changes) and forbids plain members (403)', async () => {
    const project = await createProject(h, owner, 'Before');
    await addMember(h, owner, project.id, other, 'member');
    const denied = await h.request('PATCH', `/api/projects/${project.id}`, {
      token: other.token,
      body: { name: 'Nope' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');
    const res = await h.request<Project>('PATCH', `/api/projects/${project.id}`, {
      token: owner.token,
      body: { name: 'After' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'After', memberCount: 2 });
    const event = await h.waitForEvent((e) => e.type === 'project.updated' && e.data.project.id === project.id);
    expect(event.data).toMatchObject({ changes: { name: ['Before', 'After'] } });
  });

  it('deletes a project for its owner only, and never the personal one', async () => {
    const project = await createProject(h, owner);
    await addMember(h, owner, project.id, other, 'admin');
    expect((await h.request('DELETE', `/api/projects/${project.id}`, { token: other.token })).status).toBe(403);
    expect((await h.request('DELETE', `/api/projects/${project.id}`, { token: owner.token })).status).toBe(204);
    expect((await h.request('GET', `/api/projects/${project.id}`, { token: owner.token })).status).toBe(404);
    await h.waitForEvent((e) => e.type === 'project.deleted' && e.data.project.id === project.id);
    const personal = await h.request('DELETE', `/api/projects/${owner.personalProjectId}`, { token: owner.token });
    expect(personal.status).toBe(409);
  });
});

describe('members', () => {
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    [owner, alice, bob] = await Promise.all([registerUser(h), registerUser(h, { name: 'Alice' }), registerUser(h)]);
  });

  it('adds a member by email (201, project.member_added by the caller)', async () => {
    const project = await createProject(h, owner, 'Team');
    const res = await h.request<Member>('POST', `/api/projects/${project.id}/members`, {
      token: owner.token,
      body: { email: alice.email.toUpperCase(), role: 'admin' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ userId: alice.id, name: 'Alice', email: alice.email, role: 'admin' });
    const event = await h.waitForEvent((e) => e.type === 'project.member_added' && e.data.projectId === project.id);
    expect(event).toMatchObject({ actorId: owner.id, data: { projectName: 'Team', userId: alice.id, role: 'admin' } });
    const list = await h.request<{ items: Member[] }>('GET', `/api/projects/${project.id}/members`, {
      token: alice.token,
    });
    expect(list.body.items.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, 'owner'],
      [alice.id, 'admin'],
    ]);
    const seen = await h.request<{ items: Project[] }>('GET', '/api/projects', { token: alice.token });
    expect(seen.body.items.find((p) => p.id === project.id)).toMatchObject({ role: 'admin', memberCount: 2 });
  });

  it('answers 404 user_not_found for an unknown email and 409 already_member for a duplicate', async () => {
    const project = await createProject(h, owner);
    const unknown = await h.request('POST', `/api/projects/${project.id}/members`, {
      token: owner.token,
      body: { email: 'nobody@example.test' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('user_not_found');
    await addMember(h, owner, project.id, alice);
    const again = await h.request('POST', `/api/projects/${project.id}/members`, {
      token: owner.token,
      body: { email: alice.email },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_member');
  });

  it('lets only owners/admins add, members remove themselves, and never removes the owner', async () => {
    const project = await createProject(h, owner);
    await addMember(h, owner, project.id, alice, 'member');
    const denied = await h.request('POST', `/api/projects/${project.id}/members`, {
      token: alice.token,
      body: { email: bob.email },
    });
    expect(denied.status).toBe(403);
    const removeOwner = await h.request('DELETE', `/api/projects/${project.id}/members/${owner.id}`, {
      token: owner.token,
    });
    expect(removeOwner.status).toBe(409);
    expect(removeOwner.body.code).toBe('owner_immutable');
    await addMember(h, owner, project.id, bob, 'member');
    expect(
      (await h.request('DELETE', `/api/projects/${project.id}/members/${bob.id}`, { token: alice.token })).status,
    ).toBe(403);
    expect(
      (await h.request('DELETE', `/api/projects/${project.id}/members/${alice.id}`, { token: alice.token })).status,
    ).toBe(204);
    expect((await h.request('GET', `/api/projects/${project.id}`, { token: alice.token })).status).toBe(404);
    const event = await h.waitForEvent((e) => e.type === 'project.member_removed' && e.data.projectId === project.id);
    expect(event).toMatchObject({ actorId: alice.id, data: { userId: alice.id, role: 'member' } });
  });

  it('unassigns the tasks of a member who leaves', async () => {
    const project = await createProject(h, owner);
    await addMember(h, owner, project.id, alice);
    const task = await createTask(h, owner, project.id, { assigneeId: alice.id });
    expect(
      (await h.request('DELETE', `/api/projects/${project.id}/members/${alice.id}`, { token: owner.token })).status,
    ).toBe(204);
    const after = await h.request<Task>('GET', `/api/tasks/${task.id}`, { token: owner.token });
    expect(after.body).toMatchObject({ assigneeId: null, assignee: null, version: 2 });
    const event = await h.waitForEvent((e) => e.type === 'task.updated' && e.data.task.id === task.id);
    expect(event.data).toMatchObject({ changes: { assigneeId: [alice.id, null] } });
  });

  it("changes a member role (owner/admin) but not the owner's", async () => {
    const project = await createProject(h, owner);
    await addMember(h, owner, project.id, bob, 'member');
    const res = await h.request<Member>('PATCH', `/api/projects/${project.id}/members/${bob.id}`, {
      token: owner.token,
      body: { role: 'admin' },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('admin');
    const owners = await h.request('PATCH', `/api/projects/${project.id}/members/${owner.id}`, {
      token: bob.token,
      body: { role: 'member' },
    });
    expect(owners.status).toBe(409);
  });
});
