import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@taskflow/service-kit/testing';
import { aTask, aUser, memberAdded, taskAssigned, userRegistered } from './factories';
import { createHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

describe('task.assigned', () => {
  it('pushes the notification and the unread count to the assignee and lists it with the actor name', async () => {
    const alice = aUser('Alice');
    const bob = aUser('Bob');
    await h.publish('user.registered', userRegistered(alice), null);
    const bobSocket = await h.connectAs(bob.id);
    await waitFor(() => bobSocket.of('unread_count').length > 0, { what: 'unread count on connect' });
    expect(bobSocket.of('unread_count')).toEqual([{ count: 0 }]);

    const task = aTask({ createdBy: alice.id, title: 'Write the launch post' });
    await h.publish('task.assigned', taskAssigned(task, bob.id), alice.id);

    const [pushed] = await waitFor(() => (bobSocket.of('notification').length ? bobSocket.of('notification') : null), {
      what: 'notification push',
    });
    await waitFor(() => bobSocket.of('unread_count').some((c) => c.count === 1), { what: 'unread_count 1' });
    expect(pushed).toMatchObject({
      type: 'task.assigned',
      title: 'Alice assigned you a task',
      body: 'Write the launch post',
      link: `/projects/${task.projectId}/tasks/${task.id}`,
      projectId: task.projectId,
      taskId: task.id,
      actor: { id: alice.id, name: 'Alice' },
      readAt: null,
    });

    const { items } = await h.list(bob.id);
    expect(items).toEqual([pushed]);
    expect(await h.unreadCount(bob.id)).toBe(1);
    // Alice, who did it, is told nothing.
    expect((await h.list(alice.id)).items).toEqual([]);
  });

  it('tells nobody when the actor assigns the task to themself, and names no actor it does not know', async () => {
    const carol = aUser();
    const stranger = aUser();
    const task = aTask({ createdBy: carol.id });
    await h.publish('task.assigned', taskAssigned(task, carol.id), carol.id);
    await h.publish('task.assigned', taskAssigned(task, carol.id), stranger.id);
    await h.settle();
    expect(await h.unreadCount(carol.id)).toBe(1);
    const { items } = await h.list(carol.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Someone assigned you a task', actor: null });
  });

  it('stores an event delivered twice exactly once', async () => {
    const actor = aUser();
    const dave = aUser();
    const event = await h.publish('task.assigned', taskAssigned(aTask({ createdBy: actor.id }), dave.id), actor.id);
    await h.republish(event);
    const sentinel = aTask({ createdBy: actor.id, title: 'sentinel' });
    await h.publish('task.assigned', taskAssigned(sentinel, dave.id), actor.id);
    await h.settle();
    expect(await h.unreadCount(dave.id)).toBe(2);
    const { items } = await h.list(dave.id);
    expect(items.map((n) => n.body)).toEqual(['sentinel', event.data.task.title]);
  });
});

describe('project.member_added and status changes', () => {
  it('tells the added user', async () => {
    const owner = aUser('Olivia');
    const erin = aUser();
    await h.publish('user.registered', userRegistered(owner), null);
    const projectId = crypto.randomUUID();
    const erinSocket = await h.connectAs(erin.id);
    await h.publish('project.member_added', memberAdded(projectId, erin.id, 'Launch'), owner.id);
    await h.publish('project.member_added', memberAdded(crypto.randomUUID(), owner.id, 'Self-join'), owner.id);
    const [pushed] = await waitFor(
      () => (erinSocket.of('notification').length ? erinSocket.of('notification') : null),
      { what: 'notification' },
    );
    expect(pushed).toMatchObject({
      type: 'project.member_added',
      title: 'Olivia added you to Launch',
      link: `/projects/${projectId}`,
      projectId,
      taskId: null,
      actor: { id: owner.id, name: 'Olivia' },
    });
    expect((await h.list(erin.id)).items).toHaveLength(1);
    await h.settle();
    expect((await h.list(owner.id)).items).toEqual([]);
  });

  it('tells the assignee and the creator of a task whose status changed, but not the actor', async () => {
    const creator = aUser();
    const assignee = aUser();
    const mover = aUser('Mo');
    await h.publish('user.registered', userRegistered(mover), null);
    const task = aTask({ createdBy: creator.id, assigneeId: assignee.id, title: 'Ship it', status: 'in_progress' });
    await h.publish('task.updated', { task, changes: { status: ['todo', 'in_progress'] } }, mover.id);
    // The creator moving their own task tells the assignee only.
    await h.publish(
      'task.updated',
      { task: { ...task, status: 'done' }, changes: { status: ['in_progress', 'done'] } },
      creator.id,
    );
    // A change without a status tells nobody.
    await h.publish(
      'task.updated',
      { task: { ...task, title: 'Renamed' }, changes: { title: ['Ship it', 'Renamed'] } },
      mover.id,
    );

    await h.settle();
    expect(await h.unreadCount(assignee.id)).toBe(2);
    expect(await h.unreadCount(creator.id)).toBe(1);
    const creatorItems = (await h.list(creator.id)).items;
    expect(creatorItems.map((n) => n.title)).toEqual(['Mo moved Ship it to In progress']);
    expect(creatorItems[0]?.body).toBe('To do → In progress');
    expect((await h.list(assignee.id)).items.map((n) => n.title)).toEqual([
      'Someone moved Ship it to Done',
      'Mo moved Ship it to In progress',
    ]);
    expect((await h.list(mover.id)).items).toEqual([]);
  });

  it('tells a creator who is also the assignee once', async () => {
    const me = aUser();
    const mover = aUser();
    const task = aTask({ createdBy: me.id, assigneeId: me.id, status: 'done' });
    await h.publish('task.updated', { task, changes: { status: ['todo', 'done'] } }, mover.id);
    await h.settle();
    expect(await h.unreadCount(me.id)).toBe(1);
    expect((await h.list(me.id)).items).toHaveLength(1);
  });
});

describe('reading', () => {
  it('marks one read, then all read, and pushes each new count', async () => {
    const frank = aUser();
    await h.seedNotifications(frank.id, 3);
    const socket = await h.connectAs(frank.id);
    await waitFor(() => socket.of('unread_count').some((c) => c.count === 3), { what: 'count on connect' });
    const [first] = (await h.list(frank.id)).items;

    const read = await h.api(frank.id, `/api/notifications/${first!.id}/read`, { method: 'POST' });
    expect(read.status).toBe(204);
    expect(await h.unreadCount(frank.id)).toBe(2);
    await waitFor(() => socket.of('unread_count').some((c) => c.count === 2), { what: 'count 2 pushed' });
    const items = (await h.list(frank.id)).items;
    expect(items.find((n) => n.id === first!.id)?.readAt).toEqual(expect.any(String));
    expect(items.filter((n) => n.readAt === null)).toHaveLength(2);

    // Reading it again changes nothing.
    expect((await h.api(frank.id, `/api/notifications/${first!.id}/read`, { method: 'POST' })).status).toBe(204);
    expect(await h.unreadCount(frank.id)).toBe(2);

    const all = await h.api(frank.id, '/api/notifications/read-all', { method: 'POST' });
    expect(all.status).toBe(204);
    expect(await h.unreadCount(frank.id)).toBe(0);
    await waitFor(
      () => socket.of('unread_count').some((c) => c.count === 0) && socket.of('unread_count').at(-1)?.count === 0,
      { what: 'count 0 pushed' },
    );
    expect((await h.list(frank.id)).items.every((n) => n.readAt !== null)).toBe(true);
  });

  it("answers 404 for another user's notification and for ids that cannot exist", async () => {
    const owner = aUser();
    const intruder = aUser();
    await h.seedNotifications(owner.id, 1);
    const [theirs] = (await h.list(owner.id)).items;
    for (const id of [theirs!.id, 'not-an-id', '0000000000000-000000000000']) {
      const res = await h.api(intruder.id, `/api/notifications/${id}/read`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await h.unreadCount(owner.id)).toBe(1);
  });

  it('pages newest first with a cursor', async () => {
    const grace = aUser();
    await h.seedNotifications(grace.id, 5);
    const page1 = await h.list(grace.id, '?limit=2');
    const page2 = await h.list(grace.id, `?limit=2&cursor=${page1.nextCursor}`);
    const page3 = await h.list(grace.id, `?limit=2&cursor=${page2.nextCursor}`);
    expect(page1.items.map((n) => n.body)).toEqual(['T4', 'T3']);
    expect(page2.items.map((n) => n.body)).toEqual(['T2', 'T1']);
    expect(page3.items.map((n) => n.body)).toEqual(['T0']);
    expect(page3.nextCursor).toBeNull();
    expect(page1.nextCursor).toBe(page1.items[1]!.id);
  });

  it('answers 400 naming the bad limit, cursor and unread', async () => {
    const user = aUser();
    for (const [query, fields] of [
      ['?limit=0', ['limit']],
      ['?limit=101', ['limit']],
      ['?limit=abc', ['limit']],
      ['?cursor=bogus', ['cursor']],
      ['?limit=-1&cursor=12', ['limit', 'cursor']],
      ['?unread=maybe', ['unread']],
      ['?unread=', ['unread']],
      ['?unread=true&limit=101', ['limit']],
      ['?unread=maybe&cursor=bogus', ['unread', 'cursor']],
    ] as const) {
      const res = await h.api(user.id, `/api/notifications${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { code: string; errors: { path: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e) => e.path).sort()).toEqual([...fields].sort());
    }
  });

  it('answers 401 problem+json without a valid token', async () => {
    for (const [path, method] of [
      ['/api/notifications', 'GET'],
      ['/api/notifications/unread-count', 'GET'],
      ['/api/notifications/read-all', 'POST'],
    ] as const) {
      const res = await h.api(null, path, { method });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe('unauthenticated');
    }
    const forged = await fetch(`${h.baseUrl}/api/notifications`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.status).toBe(401);
  });

  it('is ready when Redis and the broker answer', async () => {
    const res = await fetch(`${h.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { redis: 'ok', broker: 'ok' } });
  });
});
