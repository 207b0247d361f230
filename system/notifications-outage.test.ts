import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '@taskflow/service-kit/testing';
import { api, registerUser, startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  await Promise.all([stack.start('auth'), stack.start('tasks'), stack.start('notifications')]);
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

const register = (name: string) => registerUser(stack, name);

it('delivers every assignment made while notifications was down, exactly once, after it restarts', async () => {
  const alice = await register('Alice');
  const bob = await register('Bob');
  // tasks learns about Bob from user.registered: his personal project appears when it has.
  await waitFor(
    async () => (await api(`${stack.urls.tasks}/api/projects`, { token: bob.token })).body?.items?.length === 1,
    {
      timeoutMs: 10_000,
      what: "Bob's personal project",
    },
  );
  const project = await api(`${stack.urls.tasks}/api/projects`, {
    method: 'POST',
    token: alice.token,
    body: { name: 'Launch' },
  });
  expect(project.status).toBe(201);
  const added = await api(`${stack.urls.tasks}/api/projects/${project.body.id}/members`, {
    method: 'POST',
    token: alice.token,
    body: { email: bob.email, role: 'member' },
  });
  expect(added.status).toBe(201);
  const unread = async () =>
    (await api(`${stack.urls.notifications}/api/notifications/unread-count`, { token: bob.token })).body.count;
  await waitFor(async () => (await unread()) === 1, { timeoutMs: 10_000, what: 'the invitation notification' });

  expect(await stack.stop('notifications')).toBe(0); // graceful: exit code 0

  const titles = ['One', 'Two', 'Three', 'Four', 'Five'].map((n) => `Task ${n}`);
  for (const title of titles) {
    const created = await api(`${stack.urls.tasks}/api/projects/${project.body.id}/tasks`, {
      method: 'POST',
      token: alice.token,
      body: { title, assigneeId: bob.id },
    });
    expect(created.status).toBe(201);
  }

  await stack.start('notifications');
  await waitFor(async () => (await unread()) === 6, { timeoutMs: 15_000, what: 'six unread notifications' });
  // A sentinel made after the restart travels behind the five (same outbox, same queue): once it
  // has arrived, a duplicate of any of them would have arrived too.
  const sentinel = await api(`${stack.urls.tasks}/api/projects/${project.body.id}/tasks`, {
    method: 'POST',
    token: alice.token,
    body: { title: 'Sentinel', assigneeId: bob.id },
  });
  expect(sentinel.status).toBe(201);
  await waitFor(async () => (await unread()) >= 7, { timeoutMs: 15_000, what: 'the sentinel notification' });
  const list = await api(`${stack.urls.notifications}/api/notifications?limit=50`, { token: bob.token });
  const assigned = list.body.items.filter(
    (n: { type: string; body: string }) => n.type === 'task.assigned' && n.body !== 'Sentinel',
  );
  expect(assigned.map((n: { body: string }) => n.body).sort()).toEqual([...titles].sort());
  expect(list.body.items).toHaveLength(7);
  expect(await unread()).toBe(7);
  expect(assigned.every((n: { actor: { name: string } | null }) => n.actor?.name === 'Alice')).toBe(true);
}, 90_000);
