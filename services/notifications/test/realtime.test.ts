import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { createTestTokens, waitFor } from '@taskflow/service-kit/testing';
import { aTask, aUser, commentDeleted, commented, memberAdded, projectCreated, taskAssigned } from './factories';
import { createHarness, type Harness, type RecordingSocket } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

const subscribe = (s: RecordingSocket, projectId: unknown) =>
  s.socket.timeout(3000).emitWithAck('subscribe_project', { projectId } as { projectId: string });

describe('socket handshake', () => {
  it('refuses a socket without a token, with a garbage, foreign or expired token', async () => {
    const user = aUser();
    const foreign = createTestTokens();
    for (const auth of [
      null,
      {},
      { token: '' },
      { token: 'not.a.jwt' },
      { token: foreign.sign(user.id) },
      { token: h.tokens.sign(user.id, { expiresIn: -60 }) },
    ]) {
      await expect(h.connect(auth), JSON.stringify(auth)).rejects.toThrow('unauthorized');
    }
  });

  it('accepts a valid token and sends the unread count at once', async () => {
    const s = await h.connectAs(aUser().id);
    await waitFor(() => s.of('unread_count').length === 1, { what: 'unread_count' });
    expect(s.of('unread_count')).toEqual([{ count: 0 }]);
  });

  it('counts the sockets connected to the instance in its metrics', async () => {
    const before = (await h.metric('realtime_connected_sockets')) ?? 0;
    const s = await h.connectAs(aUser().id);
    expect(await h.metric('realtime_connected_sockets')).toBe(before + 1);
    s.socket.disconnect();
    await waitFor(async () => (await h.metric('realtime_connected_sockets')) === before, { what: 'the socket gone' });
  });
});

/** A project of `owner` with `member` added (whose bell has rung once for it), as the projections know it. */
async function sharedProject() {
  const owner = aUser();
  const member = aUser();
  const created = projectCreated(owner.id);
  const projectId = created.project.id;
  await h.publish('project.created', created, owner.id);
  await h.publish('project.member_added', memberAdded(projectId, member.id), owner.id);
  await h.waitForUnread(member.id, 1);
  return { owner, member, projectId };
}

describe('project rooms', () => {
  it('lets members watch a board: task.* events become task_changed, others see nothing', async () => {
    const owner = aUser();
    const member = aUser();
    const outsider = aUser();
    const created = projectCreated(owner.id);
    const projectId = created.project.id;

    const ownerSocket = await h.connectAs(owner.id);
    const memberSocket = await h.connectAs(member.id);
    const outsiderSocket = await h.connectAs(outsider.id);
    expect(await subscribe(ownerSocket, projectId)).toEqual({ ok: false, error: 'forbidden' });

    await h.publish('project.created', created, owner.id);
    await h.publish('project.member_added', memberAdded(projectId, member.id), owner.id);
    await h.waitForUnread(member.id, 1);

    expect(await subscribe(ownerSocket, projectId)).toEqual({ ok: true });
    expect(await subscribe(memberSocket, projectId)).toEqual({ ok: true });
    expect(await subscribe(outsiderSocket, projectId)).toEqual({ ok: false, error: 'forbidden' });

    // As the tasks service emits them: an update that assigns is task.updated + task.assigned (same version).
    const task = aTask({ projectId, createdBy: owner.id });
    await h.publish('task.created', { task }, owner.id);
    const assigned = { ...task, assigneeId: member.id, version: 2 };
    await h.publish('task.updated', { task: assigned, changes: { assigneeId: [null, member.id] } }, owner.id);
    await h.publish('task.assigned', taskAssigned({ ...task, version: 2 }, member.id), owner.id);
    await h.publish('task.deleted', { task: { ...assigned, version: 3 } }, owner.id);
    // A marker change in the same room, published last: once both sockets have it, every push
    // before it has arrived too (one queue, one room, in order), so nothing more is on its way.
    const marker = aTask({ projectId, createdBy: owner.id, title: 'marker' });
    await h.publish('task.created', { task: marker }, owner.id);
    const upToMarker = (socket: RecordingSocket) => {
      const pushes = socket.of('task_changed');
      const at = pushes.findIndex((p) => p.taskId === marker.id);
      return at < 0 ? null : pushes.slice(0, at);
    };
    await waitFor(() => upToMarker(memberSocket) && upToMarker(ownerSocket), { what: 'the marker push' });

    const expected = [
      { projectId, taskId: task.id, type: 'task.created', version: 1 },
      { projectId, taskId: task.id, type: 'task.updated', version: 2 },
      { projectId, taskId: task.id, type: 'task.deleted', version: 3 },
    ];
    expect(upToMarker(memberSocket)).toEqual(expected);
    expect(upToMarker(ownerSocket)).toEqual(expected);
    expect(outsiderSocket.of('task_changed')).toEqual([]);

    // Unsubscribing stops the pushes.
    expect(await memberSocket.socket.timeout(3000).emitWithAck('unsubscribe_project', { projectId })).toEqual({
      ok: true,
    });
    await h.publish('task.created', { task: aTask({ projectId, createdBy: owner.id }) }, owner.id);
    await waitFor(() => ownerSocket.of('task_changed').length === 5, { what: 'the push after unsubscribing' });
    expect(memberSocket.of('task_changed')).toHaveLength(4);
  });

  it('pushes a comment written or deleted to the task’s project room, with its type', async () => {
    const { owner, member, projectId } = await sharedProject();
    const outsider = aUser();
    const memberSocket = await h.connectAs(member.id);
    const outsiderSocket = await h.connectAs(outsider.id);
    expect(await subscribe(memberSocket, projectId)).toEqual({ ok: true });

    const task = aTask({ projectId, createdBy: member.id, version: 3 });
    const comment = commented(task, owner.id);
    await h.publish('task.commented', comment, owner.id);
    await h.publish('task.comment_deleted', commentDeleted(task, comment.commentId, owner.id), owner.id);
    await waitFor(() => memberSocket.of('task_changed').length === 2, { what: 'both comment pushes' });
    expect(memberSocket.of('task_changed')).toEqual([
      { projectId, taskId: task.id, type: 'task.commented', version: 3 },
      { projectId, taskId: task.id, type: 'task.comment_deleted', version: 3 },
    ]);
    // The comment also rang the creator's bell; its deletion told nobody.
    await h.waitForUnread(member.id, 2);
    await h.settle();
    expect(await h.unreadCount(member.id)).toBe(2);
    expect(outsiderSocket.of('task_changed')).toEqual([]);
  });

  it('refuses a payload that does not match its schema with an ack, and keeps the socket', async () => {
    const s = await h.connectAs(aUser().id);
    for (const payload of [
      { projectId: 'not-a-uuid' },
      { projectId: 42 },
      {},
      'x',
      null,
      { projectId: crypto.randomUUID(), extra: 1 },
    ]) {
      expect(
        await s.socket.timeout(3000).emitWithAck('subscribe_project', payload as never),
        JSON.stringify(payload),
      ).toEqual({
        ok: false,
        error: 'invalid_payload',
      });
    }
    expect(await s.socket.timeout(3000).emitWithAck('unsubscribe_project', { projectId: 7 } as never)).toEqual({
      ok: false,
      error: 'invalid_payload',
    });
    // No payload at all, only the ack.
    const bare = await new Promise((resolve) =>
      (s.socket.emit as (ev: string, ack: (res: unknown) => void) => void)('subscribe_project', resolve),
    );
    expect(bare).toEqual({ ok: false, error: 'invalid_payload' });
    expect(s.socket.connected).toBe(true);
  });

  it('takes a removed member out of the room and refuses them afterwards', async () => {
    const { owner, member, projectId } = await sharedProject();
    const ownerSocket = await h.connectAs(owner.id);
    const memberSocket = await h.connectAs(member.id);
    expect(await subscribe(memberSocket, projectId)).toEqual({ ok: true });
    expect(await subscribe(ownerSocket, projectId)).toEqual({ ok: true });

    await h.publish('project.member_removed', memberAdded(projectId, member.id), owner.id);
    await h.settle();
    expect(await subscribe(memberSocket, projectId)).toEqual({ ok: false, error: 'forbidden' });
    await h.publish('task.created', { task: aTask({ projectId, createdBy: owner.id }) }, owner.id);
    await waitFor(() => ownerSocket.of('task_changed').length === 1, { what: 'owner task_changed' });
    expect(memberSocket.of('task_changed')).toEqual([]);
  });
});

describe('several instances', () => {
  it('reaches a socket connected to another instance through the Redis adapter', async () => {
    const actor = aUser();
    const user = aUser();
    await h.publish('task.assigned', taskAssigned(aTask({ createdBy: actor.id }), user.id), actor.id);
    await h.waitForUnread(user.id, 1);
    const other = await h.startAnother();
    try {
      const s = await h.connectAs(user.id, other.url);
      await waitFor(() => s.of('unread_count').length === 1, { what: 'count on connect' });
      expect(s.of('unread_count')).toEqual([{ count: 1 }]);
      // Read on the first instance; the push is emitted there and must reach the socket on the other.
      expect((await h.api(user.id, '/api/notifications/read-all', { method: 'POST' })).status).toBe(204);
      await waitFor(() => s.of('unread_count').at(-1)?.count === 0, { what: 'count 0 across instances' });
    } finally {
      await h.stopAnother(other);
    }
  });
});

describe('reconnection', () => {
  it('gives a client that reconnects within two minutes what it missed', async () => {
    const actor = aUser();
    const user = aUser();
    const s = await h.connectAs(user.id);
    await waitFor(() => s.of('unread_count').length === 1, { what: 'first count' });
    // Drop the transport; the server keeps the session for connection state recovery.
    s.socket.io.opts.reconnection = true;
    s.socket.io.reconnection(true);
    s.socket.io.reconnectionDelay(50);
    s.socket.io.engine.close();
    await waitFor(() => !s.socket.connected, { what: 'disconnect' });
    await h.publish(
      'task.assigned',
      taskAssigned(aTask({ createdBy: actor.id, title: 'While away' }), user.id),
      actor.id,
    );
    await h.waitForUnread(user.id, 1);
    await waitFor(() => s.socket.connected, { what: 'reconnect' });
    expect(s.socket.recovered).toBe(true);
    await waitFor(() => s.of('notification').length === 1, { what: 'missed notification' });
    expect(s.of('notification')[0]).toMatchObject({ body: 'While away' });
  });
});

describe('membership projection', () => {
  it('applies membership events by the time they happened, not the order they arrive in', async () => {
    const owner = aUser();
    const member = aUser();
    const created = projectCreated(owner.id);
    const projectId = created.project.id;
    await h.publish('project.created', created, owner.id);
    // Built in this order (added, then removed) but delivered the other way round, as a retry would.
    const added = buildEvent('tasks', 'project.member_added', memberAdded(projectId, member.id), owner.id);
    await new Promise((r) => setTimeout(r, 5));
    const removed = buildEvent('tasks', 'project.member_removed', memberAdded(projectId, member.id), owner.id);
    await h.republish(removed);
    await h.republish(added);
    await h.settle();
    const memberSocket = await h.connectAs(member.id);
    expect(await subscribe(memberSocket, projectId)).toEqual({ ok: false, error: 'forbidden' });
    // The owner, added by project.created, is unaffected.
    expect(await subscribe(await h.connectAs(owner.id), projectId)).toEqual({ ok: true });
  });

  it('ignores a member_added that arrives after the project was deleted', async () => {
    const owner = aUser();
    const member = aUser();
    const created = projectCreated(owner.id);
    const projectId = created.project.id;
    await h.publish('project.created', created, owner.id);
    const added = buildEvent('tasks', 'project.member_added', memberAdded(projectId, member.id), owner.id);
    await h.publish('project.deleted', created, owner.id);
    await h.republish(added);
    await h.settle();
    expect(await subscribe(await h.connectAs(member.id), projectId)).toEqual({ ok: false, error: 'forbidden' });
  });
});
