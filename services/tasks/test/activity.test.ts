import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, Task } from '@taskflow/contracts/api';
import { addComment, createTask, startTeam, type TestUser } from './factories';
import type { Harness } from './harness';

interface Page {
  items: ActivityEntry[];
  nextCursor: string | null;
}

let h: Harness;
let owner: TestUser;
let mate: TestUser;
let projectId: string;

beforeAll(async () => {
  ({ h, owner, mate, projectId } = await startTeam());
});
afterAll(async () => {
  await h?.close();
});

const activity = async (taskId: string, query = '') => {
  const res = await h.request<Page>('GET', `/api/tasks/${taskId}/activity${query}`, { token: mate.token });
  expect(res.status).toBe(200);
  return res.body;
};
const patch = async (taskId: string, by: TestUser, body: Record<string, unknown>) => {
  const res = await h.request<Task>('PATCH', `/api/tasks/${taskId}`, { token: by.token, body });
  expect(res.status).toBe(200);
  return res.body;
};

describe('task activity', () => {
  it('records the creation and every field change with old and new values, newest first, by whom', async () => {
    const task = await createTask(h, owner, projectId, { title: 'Draft' });
    await patch(task.id, mate, {
      title: 'Final',
      description: 'Details',
      priority: 'urgent',
      dueAt: '2031-01-01T09:00:00.000Z',
      assigneeId: mate.id,
      labels: ['launch'],
    });
    await patch(task.id, mate, { reminders: [30] });
    await patch(task.id, owner, { status: 'in_progress' });
    await patch(task.id, owner, { status: 'in_progress', title: 'Final' }); // no change: no entry

    const { items, nextCursor } = await activity(task.id);
    expect(nextCursor).toBeNull();
    expect(items.map((e) => [e.type, e.actor])).toEqual([
      ['updated', { id: owner.id, name: 'Owner' }],
      ['updated', { id: mate.id, name: 'Mate' }],
      ['updated', { id: mate.id, name: 'Mate' }],
      ['created', { id: owner.id, name: 'Owner' }],
    ]);
    const [move, reminders, edit, created] = items;
    // The first card of an empty column keeps the key it had, so only the status changed.
    expect(move!.changes).toEqual({ status: ['todo', 'in_progress'] });
    expect(reminders!.changes).toEqual({ reminders: [[1440, 60], [30]] });
    expect(edit!.changes).toEqual({
      title: ['Draft', 'Final'],
      description: ['', 'Details'],
      priority: ['medium', 'urgent'],
      dueAt: [null, '2031-01-01T09:00:00.000Z'],
      assigneeId: [null, mate.id],
      labels: [[], ['launch']],
      reminders: [[], [1440, 60]],
    });
    expect(created!.changes).toEqual({});
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.at >= items[i]!.at).toBe(true);

    // The history and the events carry the one change set.
    const updates = h.events.filter((e) => e.type === 'task.updated' && e.data.task.id === task.id);
    expect(updates.map((e) => (e.type === 'task.updated' ? e.data.changes : null))).toEqual(
      [edit, reminders, move].map((e) => e!.changes),
    );
  });

  it('records a move within a column as a position change', async () => {
    const a = await createTask(h, owner, projectId);
    const b = await createTask(h, owner, projectId);
    const moved = await patch(b.id, owner, { position: { beforeId: a.id } });
    const [move] = (await activity(b.id)).items;
    expect(move).toMatchObject({ type: 'updated', changes: { position: [b.position, moved.position] } });
  });

  it('records comments written and deleted by their id, never their text', async () => {
    const task = await createTask(h, owner, projectId);
    const comment = await addComment(h, mate, task.id, 'secret words');
    expect((await h.request('DELETE', `/api/comments/${comment.id}`, { token: owner.token })).status).toBe(204);
    const { items } = await activity(task.id);
    expect(items.map((e) => [e.type, e.actor?.id, e.changes])).toEqual([
      ['comment_deleted', owner.id, { comment: [comment.id, null] }],
      ['commented', mate.id, { comment: [null, comment.id] }],
      ['created', owner.id, {}],
    ]);
    expect(JSON.stringify(items)).not.toContain('secret');
  });

  it('walks the history page by page with a cursor', async () => {
    const task = await createTask(h, owner, projectId);
    for (const title of ['One', 'Two', 'Three']) await patch(task.id, owner, { title });
    const all = (await activity(task.id)).items.map((e) => e.id);
    expect(all).toHaveLength(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await activity(task.id, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await h.request('GET', `/api/tasks/${task.id}/activity?cursor=x`, { token: owner.token });
    expect(bad.status).toBe(400);
  });
});
