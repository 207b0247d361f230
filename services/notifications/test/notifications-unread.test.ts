import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser } from './factories';
import { createHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

const read = async (userId: string, id: string) =>
  expect((await h.api(userId, `/api/notifications/${id}/read`, { method: 'POST' })).status).toBe(204);

describe('GET /api/notifications?unread=true', () => {
  it('pages the unread ones only, newest first, with the same cursor as the full list', async () => {
    const user = aUser();
    const ids = await h.seedNotifications(user.id, 7);
    for (const title of ['T6', 'T4', 'T3', 'T1']) await read(user.id, ids.get(title)!);

    const page1 = await h.list(user.id, '?unread=true&limit=2');
    expect(page1.items.map((n) => n.body)).toEqual(['T5', 'T2']);
    expect(page1.items.every((n) => n.readAt === null)).toBe(true);
    expect(page1.nextCursor).toBe(ids.get('T2'));
    const page2 = await h.list(user.id, `?unread=true&limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items.map((n) => n.body)).toEqual(['T0']);
    expect(page2.nextCursor).toBeNull();

    // A cursor from the full list works too: the keyset is the same.
    const full = await h.list(user.id, '?limit=3');
    expect(full.items.map((n) => n.body)).toEqual(['T6', 'T5', 'T4']);
    expect((await h.list(user.id, `?unread=true&cursor=${full.nextCursor}`)).items.map((n) => n.body)).toEqual([
      'T2',
      'T0',
    ]);
    // `unread=false` is the full list.
    expect((await h.list(user.id, '?unread=false&limit=100')).items).toHaveLength(7);
  });

  it('keeps its place when what is on a page is read before the next one', async () => {
    const user = aUser();
    const ids = await h.seedNotifications(user.id, 5);
    const page1 = await h.list(user.id, '?unread=true&limit=2');
    expect(page1.items.map((n) => n.body)).toEqual(['T4', 'T3']);
    await read(user.id, ids.get('T4')!);
    await read(user.id, ids.get('T3')!);
    await read(user.id, ids.get('T1')!);

    const page2 = await h.list(user.id, `?unread=true&limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items.map((n) => n.body)).toEqual(['T2', 'T0']);
    expect(page2.nextCursor).toBeNull();

    await h.api(user.id, '/api/notifications/read-all', { method: 'POST' });
    expect(await h.list(user.id, '?unread=true')).toEqual({ items: [], nextCursor: null });
  });
});
