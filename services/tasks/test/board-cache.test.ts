import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@taskflow/contracts/api';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { waitFor } from '@taskflow/service-kit/testing';
import { createBoardPageCache } from '../src/domain/board-cache';
import { addMember, createProject, createTask, registerUser, type TestUser, type BoardPage } from './factories';
import { startHarness, type Harness } from './harness';

/**
 * Board pages are kept per instance under the project's board version, which triggers move in the
 * commit of every change. Two instances share the database: whichever wrote, the other's next read
 * must see it at once, with no wait for any event.
 */

let h: Harness;
let owner: TestUser;
let mate: TestUser;

beforeAll(async () => {
  h = await startHarness({ instances: 2 });
  [owner, mate] = await Promise.all([registerUser(h, { name: 'Owner' }), registerUser(h, { name: 'Mate' })]);
});
afterAll(async () => {
  await h?.close();
});

const board = async (pid: string, { query = '', token = owner.token, instance = 0 } = {}) =>
  h.request<BoardPage>('GET', `/api/projects/${pid}/tasks${query}`, { token, instance });
const titles = async (pid: string, opts: Parameters<typeof board>[1] = {}) =>
  (await board(pid, opts)).body.items.map((t) => t.title);
const versionOf = async (pid: string) =>
  (await h.pool.query<{ v: string }>('SELECT board_version::text AS v FROM projects WHERE id = $1', [pid])).rows[0]!.v;

describe('board pages kept under the board version', () => {
  it('serves a kept page while the version stands, and reads again once it moves', async () => {
    const pid = (await createProject(h, owner)).id;
    const task = await createTask(h, owner, pid, { title: 'Kept' });
    expect(await titles(pid)).toEqual(['Kept']);
    // A change the triggers do not see (replica mode skips them): the kept page is what is served.
    const client = await h.pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE tasks SET title = 'Changed behind its back' WHERE id = $1`, [task.id]);
      await client.query(`RESET session_replication_role`);
    } finally {
      client.release();
    }
    expect(await titles(pid)).toEqual(['Kept']);
    // The other instance has kept nothing yet: it reads the table.
    expect(await titles(pid, { instance: 1 })).toEqual(['Changed behind its back']);
    // Any ordinary write moves the version; the first instance reads again.
    await h.pool.query(`UPDATE tasks SET priority = 'high' WHERE id = $1`, [task.id]);
    expect(await titles(pid)).toEqual(['Changed behind its back']);
  });

  it('sees a change made through the other instance on the very next read', async () => {
    const pid = (await createProject(h, owner)).id;
    const a = await createTask(h, owner, pid, { title: 'A' });
    await createTask(h, owner, pid, { title: 'B' });
    expect(await titles(pid)).toEqual(['A', 'B']);
    const before = await versionOf(pid);

    const edited = await h.request<Task>('PATCH', `/api/tasks/${a.id}`, {
      token: owner.token,
      instance: 1,
      body: { title: 'A, edited elsewhere' },
    });
    expect(edited.status).toBe(200);
    expect(BigInt(await versionOf(pid))).toBeGreaterThan(BigInt(before));
    expect(await titles(pid)).toEqual(['A, edited elsewhere', 'B']);

    const c = await createTask(h, owner, pid, { title: 'C' });
    expect(await titles(pid)).toEqual(['A, edited elsewhere', 'B', 'C']);
    expect((await h.request('DELETE', `/api/tasks/${c.id}`, { token: owner.token, instance: 1 })).status).toBe(204);
    expect(await titles(pid)).toEqual(['A, edited elsewhere', 'B']);
  });

  it('keeps filtered views and later pages apart, each following the board', async () => {
    const pid = (await createProject(h, owner)).id;
    for (const title of ['One', 'Two', 'Three']) await createTask(h, owner, pid, { title });
    const first = await board(pid, { query: '?limit=2' });
    expect(first.body.items.map((t) => t.title)).toEqual(['One', 'Two']);
    const next = `?limit=2&cursor=${first.body.nextCursor}`;
    expect(await titles(pid, { query: next })).toEqual(['Three']);
    expect(await titles(pid, { query: '?q=Tw' })).toEqual(['Two']);

    await createTask(h, owner, pid, { title: 'Twenty' });
    expect(await titles(pid, { query: next })).toEqual(['Three', 'Twenty']);
    expect(await titles(pid, { query: '?q=Tw' })).toEqual(['Two', 'Twenty']);
    expect(await titles(pid, { query: '?limit=2' })).toEqual(['One', 'Two']);
  });

  it("follows the assignee's name, which the card shows", async () => {
    const pid = (await createProject(h, owner)).id;
    const named = await registerUser(h, { name: 'Before' });
    await addMember(h, owner, pid, named);
    await createTask(h, owner, pid, { title: 'Theirs', assigneeId: named.id });
    const assigneeName = async () => (await board(pid)).body.items[0]?.assignee?.name;
    expect(await assigneeName()).toBe('Before');

    await h.broker.publish(
      buildEvent(
        'auth',
        'user.updated',
        { userId: named.id, email: named.email, name: 'After', timezone: 'UTC' },
        null,
      ),
    );
    await waitFor(async () => (await assigneeName()) === 'After', {
      timeoutMs: 5000,
      what: 'the new name on the card',
    });
  });

  it('answers 404 to someone no longer a member, though the page is kept', async () => {
    const pid = (await createProject(h, owner)).id;
    await addMember(h, owner, pid, mate);
    await createTask(h, owner, pid, { title: 'Shared' });
    expect(await titles(pid, { token: mate.token })).toEqual(['Shared']);

    const removed = await h.request('DELETE', `/api/projects/${pid}/members/${mate.id}`, { token: owner.token });
    expect(removed.status).toBe(204);
    const res = await board(pid, { token: mate.token });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
    // The owner still reads the same page.
    expect(await titles(pid)).toEqual(['Shared']);
  });
});

describe('the board version and concurrent writers', () => {
  it('deletes a project while a change to one of its tasks is still open, and neither fails', async () => {
    const pid = (await createProject(h, owner)).id;
    const task = await createTask(h, owner, pid, { title: 'Being edited' });
    const editor = await h.pool.connect();
    try {
      await editor.query('BEGIN');
      await editor.query(`UPDATE tasks SET title = 'Edited' WHERE id = $1`, [task.id]);
      const deleting = h.request('DELETE', `/api/projects/${pid}`, { token: owner.token });
      // The delete waits for the edit's row lock; the edit's commit moves the project's version.
      await waitFor(
        async () =>
          (
            await h.pool.query(
              `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            )
          ).rowCount! > 0,
        { timeoutMs: 5000, what: 'the delete waiting for the edit' },
      );
      await editor.query('COMMIT');
      expect((await deleting).status).toBe(204);
    } finally {
      editor.release();
    }
    expect((await board(pid)).status).toBe(404);
  });
});

describe('createBoardPageCache', () => {
  const page = (text: string) => Buffer.from(text);

  it('gives a page only at the version it was kept under', () => {
    const cache = createBoardPageCache({ maxBytes: 100 });
    cache.set('p', '7', page('seven'));
    expect(cache.get('p', '7')?.toString()).toBe('seven');
    expect(cache.get('p', '8')).toBeUndefined();
    expect(cache.get('q', '7')).toBeUndefined();
    cache.set('p', '8', page('eight'));
    expect(cache.get('p', '7')).toBeUndefined();
    expect(cache.bytes).toBe(5);
  });

  it('lets the least recently used pages go past its size, and never keeps one larger than it', () => {
    const cache = createBoardPageCache({ maxBytes: 10 });
    cache.set('a', '1', page('aaaa'));
    cache.set('b', '1', page('bbbb'));
    expect(cache.get('a', '1')).toBeDefined(); // now b is the least recently used
    cache.set('c', '1', page('cccc'));
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBeDefined();
    expect(cache.get('c', '1')).toBeDefined();
    expect(cache.bytes).toBe(8);
    cache.set('huge', '1', page('x'.repeat(11)));
    expect(cache.get('huge', '1')).toBeUndefined();
    expect(cache.bytes).toBe(8);
  });
});
