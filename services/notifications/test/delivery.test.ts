import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@taskflow/contracts/api';
import { waitFor } from '@taskflow/service-kit/testing';
import { aTask, aUser, taskAssigned } from './factories';
import { createHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

describe('delivery guarantees', () => {
  it('never loses notifications while the service is down, and never doubles them', async () => {
    const actor = aUser();
    const user = aUser();
    await h.stop();

    const events = [];
    for (let i = 0; i < 5; i++) {
      events.push(
        await h.publish(
          'task.assigned',
          taskAssigned(aTask({ createdBy: actor.id, title: `Offline ${i}` }), user.id),
          actor.id,
        ),
      );
    }

    await h.start();
    const socket = await h.connectAs(user.id);
    await h.waitForUnread(user.id, 5);

    // A redelivery of one of them, then a sentinel for someone else to know it was handled.
    await h.republish(events[2]!);
    await h.settle();

    expect(await h.unreadCount(user.id)).toBe(5);
    const res = await h.api(user.id, '/api/notifications');
    const { items } = (await res.json()) as { items: Notification[] };
    expect(items.map((n) => n.body).sort()).toEqual(['Offline 0', 'Offline 1', 'Offline 2', 'Offline 3', 'Offline 4']);
    expect(new Set(items.map((n) => n.id)).size).toBe(5);
    await waitFor(() => socket.of('unread_count').some((c) => c.count === 5), { what: 'count 5 on the socket' });
  });

  it('dead-letters an event that does not match its schema and keeps consuming', async () => {
    const dlq = `${h.queue}.dlq`;
    const before = await h.messageCount(dlq);
    await h.publishRaw('task.assigned', 'this is not json');
    await h.publishRaw(
      'task.assigned',
      JSON.stringify({
        id: randomUUID(),
        type: 'task.assigned',
        version: 1,
        occurredAt: new Date().toISOString(),
        producer: 'tasks',
        actorId: null,
        correlationId: 'x',
        data: { task: { id: 'nope' } },
      }),
    );
    await waitFor(async () => (await h.messageCount(dlq)) === before + 2, {
      timeoutMs: 8000,
      what: 'two dead letters',
    });

    const actor = aUser();
    const user = aUser();
    await h.publish('task.assigned', taskAssigned(aTask({ createdBy: actor.id }), user.id), actor.id);
    await h.waitForUnread(user.id, 1);
    expect(await h.messageCount(h.queue)).toBe(0);
  });
});
