import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@taskflow/contracts/api';
import {
  addMember,
  createProject,
  createTask,
  registerUser,
  startTeam,
  type TestUser,
  type BoardPage,
} from './factories';
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

const board = async (pid: string, query = '', token = owner.token) =>
  h.request<BoardPage>('GET', `/api/projects/${pid}/tasks${query}`, { token });

describe('board order, filters and pagination', () => {
  it('moves a card between two others and the board follows', async () => {
    const pid = (await createProject(h, owner)).id;
    const [a, b, c] = [
      await createTask(h, owner, pid, { title: 'A' }),
      await createTask(h, owner, pid, { title: 'B' }),
      await createTask(h, owner, pid, { title: 'C' }),
    ];
    expect((await board(pid)).body.items.map((t) => t.title)).toEqual(['A', 'B', 'C']);
    const moved = await h.request<Task>('PATCH', `/api/tasks/${c.id}`, {
      token: owner.token,
      body: { position: { afterId: a.id, beforeId: b.id } },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.position > a.position && moved.body.position < b.position).toBe(true);
    expect((await board(pid)).body.items.map((t) => t.title)).toEqual(['A', 'C', 'B']);
    // Only the upper neighbour given: right after it.
    await h.request('PATCH', `/api/tasks/${a.id}`, { token: owner.token, body: { position: { afterId: c.id } } });
    expect((await board(pid)).body.items.map((t) => t.title)).toEqual(['C', 'A', 'B']);
    // Into another column between nothing: to the end of that column, which comes after todo.
    await h.request('PATCH', `/api/tasks/${c.id}`, { token: owner.token, body: { status: 'in_progress' } });
    expect((await board(pid)).body.items.map((t) => [t.title, t.status])).toEqual([
      ['A', 'todo'],
      ['B', 'todo'],
      ['C', 'in_progress'],
    ]);
    const foreign = await createTask(h, owner, projectId);
    const bad = await h.request('PATCH', `/api/tasks/${a.id}`, {
      token: owner.token,
      body: { position: { afterId: foreign.id } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'position.afterId' })]);
  });

  it('filters by status, assignee, priority, label, text and due date', async () => {
    const pid = (await createProject(h, owner)).id;
    await addMember(h, owner, pid, mate);
    await createTask(h, owner, pid, {
      title: 'Fix login bug',
      priority: 'urgent',
      labels: ['bug'],
      assigneeId: mate.id,
      dueAt: '2030-01-01T00:00:00Z',
    });
    await createTask(h, owner, pid, {
      title: 'Write 100% tests',
      status: 'in_progress',
      labels: ['qa'],
      dueAt: '2030-06-01T00:00:00Z',
    });
    await createTask(h, owner, pid, { title: 'Ship it', status: 'done', priority: 'low' });
    const titles = async (q: string) => (await board(pid, q)).body.items.map((t) => t.title);
    expect(await titles('?status=todo,in_progress')).toEqual(['Fix login bug', 'Write 100% tests']);
    expect(await titles(`?assigneeId=${mate.id}`)).toEqual(['Fix login bug']);
    expect(await titles('?assigneeId=none')).toEqual(['Write 100% tests', 'Ship it']);
    expect(await titles('?priority=urgent,low')).toEqual(['Fix login bug', 'Ship it']);
    expect(await titles('?label=qa')).toEqual(['Write 100% tests']);
    expect(await titles('?q=LOGIN')).toEqual(['Fix login bug']);
    expect(await titles('?q=100%25')).toEqual(['Write 100% tests']);
    expect(await titles('?dueBefore=2030-03-01T00:00:00Z')).toEqual(['Fix login bug']);
    expect(await titles('?dueAfter=2030-03-01T00:00:00Z')).toEqual(['Write 100% tests']);
  });

  it('answers an empty board of a member 200 with no items, and any board of a non-member 404', async () => {
    const empty = (await createProject(h, owner)).id;
    for (const query of ['', '?limit=5', '?status=done', '?q=x']) {
      expect(await board(empty, query)).toMatchObject({ status: 200, body: { items: [], nextCursor: null } });
      expect((await board(empty, query, stranger.token)).status).toBe(404);
    }
    // Tasks there do not let a non-member in, on the first page, a later one or a filtered one.
    const pid = (await createProject(h, owner)).id;
    await createTask(h, owner, pid);
    await createTask(h, owner, pid);
    const first = await board(pid, '?limit=1');
    expect(first.body.nextCursor).not.toBeNull();
    for (const query of [
      '',
      '?limit=1',
      `?limit=1&cursor=${first.body.nextCursor}`,
      '?status=todo',
      '?cursor=garbage',
    ]) {
      expect((await board(pid, query, stranger.token)).status).toBe(404);
    }
    expect((await board(pid, '?cursor=garbage')).status).toBe(400);
    // Past the last card: an empty page, not a 404.
    const last = await board(pid, `?limit=1&cursor=${first.body.nextCursor}`);
    expect(last).toMatchObject({ status: 200, body: { nextCursor: null } });
    expect(last.body.items).toHaveLength(1);
  });

  it('shows each card on the board (filtered or not) exactly as GET /api/tasks/:id does', async () => {
    const pid = (await createProject(h, owner)).id;
    await addMember(h, owner, pid, mate);
    await createTask(h, owner, pid, {
      title: 'Assigned and due',
      assigneeId: mate.id,
      labels: ['a', 'b c'],
      reminders: [30],
      dueAt: '2031-02-03T04:05:06.789Z',
    });
    await createTask(h, owner, pid, { title: 'Done', status: 'done', priority: 'low' });
    const single = async (id: string) =>
      (await h.request<Task>('GET', `/api/tasks/${id}`, { token: owner.token })).body;
    for (const query of ['', '?priority=medium,low']) {
      const items = (await board(pid, query)).body.items;
      expect(items).toHaveLength(2);
      for (const item of items) {
        const expected = await single(item.id);
        expect(JSON.stringify(item)).toBe(JSON.stringify(expected)); // same keys, order and values
        for (const at of [item.createdAt, item.updatedAt, item.dueAt, item.completedAt]) {
          if (at !== null) expect(new Date(at).toISOString()).toBe(at);
        }
      }
    }
    const [due, done] = (await board(pid)).body.items;
    expect(due).toMatchObject({ dueAt: '2031-02-03T04:05:06.789Z', assignee: { id: mate.id, name: 'Mate' } });
    expect(done!.completedAt).not.toBeNull();
  });

  it('writes each board page byte for byte as the tasks are written one by one, cursors included', async () => {
    const pid = (await createProject(h, owner)).id;
    const odd = await registerUser(h, { name: 'Zoë "Z" O\'Brien \\ 🚀' });
    await addMember(h, owner, pid, odd);
    await addMember(h, owner, pid, mate);
    await createTask(h, owner, pid, {
      title: 'Quotes "here", a \\ backslash, ünïcödé, 🚀 and \u2028',
      description: 'Line one\nline two\r\n\ttabbed \u0001\u001f\u007f </script>',
      labels: ['say "hi"', 'ünï', 'back\\slash', '🚀'],
      assigneeId: odd.id,
      reminders: [30],
      dueAt: '2031-02-03T04:05:06.789Z',
    });
    await createTask(h, owner, pid, { title: 'Bare', description: '' }); // no assignee, no due date
    await createTask(h, owner, pid, { title: 'Done', status: 'done', priority: 'urgent', assigneeId: mate.id });
    await createTask(h, owner, pid, { title: 'Doing', status: 'in_progress', dueAt: '2030-01-01T00:00:00Z' });
    await createTask(h, owner, pid, { title: 'Also todo', labels: [] });
    const raw = async (path: string) => {
      const res = await fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${owner.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      return res.text();
    };
    // Unfiltered (the prepared statements) and filtered (built per request), two by two and all at once.
    for (const [query, limit] of [
      ['', 2],
      ['&priority=low,medium,high,urgent', 2],
      ['', 50],
    ] as const) {
      let cursor: string | null = null;
      const ids: string[] = [];
      do {
        const text = await raw(`/api/projects/${pid}/tasks?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
        const page = JSON.parse(text) as BoardPage;
        const singles = await Promise.all(page.items.map((t) => raw(`/api/tasks/${t.id}`)));
        expect(text).toBe(`{"items":[${singles.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`);
        const last = page.items.at(-1)!;
        if (page.nextCursor) {
          expect(Buffer.from(page.nextCursor, 'base64url').toString()).toBe(
            JSON.stringify({ s: last.status, p: last.position, i: last.id }),
          );
        }
        ids.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor && ids.length < 10);
      expect(ids).toHaveLength(5);
    }
    const [first] = (await board(pid)).body.items;
    expect(first).toMatchObject({
      assignee: { id: odd.id, name: 'Zoë "Z" O\'Brien \\ 🚀' },
      labels: ['say "hi"', 'ünï', 'back\\slash', '🚀'],
    });
  });

  it('walks a board page by page with a cursor, without duplicates or gaps', async () => {
    const pid = (await createProject(h, owner)).id;
    const made = [];
    for (const status of ['done', 'todo', 'in_progress', 'todo', 'done'])
      made.push(await createTask(h, owner, pid, { status }));
    const expected = (await board(pid)).body.items.map((t) => t.id);
    expect(new Set(expected)).toEqual(new Set(made.map((t) => t.id)));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof board>> = await board(pid, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((t) => t.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect((await board(pid)).body.items.map((t) => t.status)).toEqual(['todo', 'todo', 'in_progress', 'done', 'done']);
  });

  it('lists my assigned tasks across projects, soonest due first, page by page', async () => {
    const other = (await createProject(h, owner)).id;
    await addMember(h, owner, other, mate);
    const later = await createTask(h, owner, other, { assigneeId: mate.id, dueAt: '2032-01-01T00:00:00Z' });
    const sooner = await createTask(h, owner, projectId, { assigneeId: mate.id, dueAt: '2029-01-01T00:00:00Z' });
    const undated = await createTask(h, owner, projectId, { assigneeId: mate.id });
    await createTask(h, owner, projectId, { assigneeId: owner.id, dueAt: '2028-01-01T00:00:00Z' });
    const all = await h.request<BoardPage>('GET', '/api/tasks?assignee=me', { token: mate.token });
    const mine = all.body.items.map((t) => t.id);
    expect(mine).toContain(sooner.id);
    expect(mine.indexOf(sooner.id)).toBeLessThan(mine.indexOf(later.id));
    expect(mine.at(-1)).toBe(undated.id);
    expect(all.body.items.every((t) => t.assigneeId === mate.id)).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: BoardPage } = await h.request<BoardPage>(
        'GET',
        `/api/tasks?assignee=me&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: mate.token },
      );
      seen.push(...res.body.items.map((t) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor && seen.length < 50);
    expect(seen).toEqual(mine);
  });
});
