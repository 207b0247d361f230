import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MAX_LENGTH, type Comment } from '@taskflow/contracts/api';
import { addComment, addMember, createProject, createTask, registerUser, startTeam, type TestUser } from './factories';
import type { Harness } from './harness';

interface Page {
  items: Comment[];
  nextCursor: string | null;
}

let h: Harness;
let owner: TestUser;
let mate: TestUser;
let admin: TestUser;
let stranger: TestUser;
let projectId: string;

beforeAll(async () => {
  ({ h, owner, mate, stranger, projectId } = await startTeam());
  admin = await registerUser(h, { name: 'Ada Admin' });
  await addMember(h, owner, projectId, admin, 'admin');
});
afterAll(async () => {
  await h?.close();
});

const comments = (taskId: string, query = '', token = owner.token) =>
  h.request<Page>('GET', `/api/tasks/${taskId}/comments${query}`, { token });
const remove = (commentId: string, by: TestUser) =>
  h.request('DELETE', `/api/comments/${commentId}`, { token: by.token });

describe('comments', () => {
  it('writes a comment (201) and lists a task’s comments oldest first, page by page, with their authors', async () => {
    const task = await createTask(h, owner, projectId);
    const res = await h.request<Comment>('POST', `/api/tasks/${task.id}/comments`, {
      token: mate.token,
      body: { body: '**Looks good**\n\n    indented code' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      taskId: task.id,
      projectId,
      author: { id: mate.id, name: 'Mate' },
      body: '**Looks good**\n\n    indented code',
      createdAt: expect.any(String),
      mentions: [],
    });
    const second = await addComment(h, owner, task.id, 'Second');
    const third = await addComment(h, mate, task.id, 'Third');

    const first = await comments(task.id, '?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((c) => c.id)).toEqual([res.body.id, second.id]);
    expect(first.body.items[1]).toEqual(second);
    const rest = await comments(task.id, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body).toEqual({ items: [third], nextCursor: null });
    expect((await comments(task.id, '?cursor=garbage')).status).toBe(400);
    expect((await comments(task.id, '?limit=0')).status).toBe(400);
  });

  it('refuses a body that is blank, too long, holds NUL or comes with other fields (400 naming it)', async () => {
    const task = await createTask(h, owner, projectId);
    for (const [body, path] of [
      [{ body: '' }, 'body'],
      [{ body: ' \n\t ' }, 'body'],
      [{ body: 'x'.repeat(COMMENT_MAX_LENGTH + 1) }, 'body'],
      [{ body: 'a\u0000b' }, 'body'],
      [{ body: 42 }, 'body'],
      [{}, 'body'],
      [{ body: 'ok', pinned: true }, 'pinned'],
    ] as const) {
      const res = await h.request('POST', `/api/tasks/${task.id}/comments`, { token: owner.token, body });
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path })]);
    }
    expect((await addComment(h, owner, task.id, 'x'.repeat(COMMENT_MAX_LENGTH))).body).toHaveLength(COMMENT_MAX_LENGTH);
  });

  it('answers 404 to anyone outside the project on every route, and to unknown ids', async () => {
    const task = await createTask(h, owner, projectId);
    const comment = await addComment(h, owner, task.id, 'Private');
    for (const [method, path, body] of [
      ['GET', `/api/tasks/${task.id}/comments`],
      ['POST', `/api/tasks/${task.id}/comments`, { body: 'hi' }],
      ['DELETE', `/api/comments/${comment.id}`],
      ['GET', `/api/tasks/${task.id}/activity`],
    ] as const) {
      const res = await h.request(method, path, { token: stranger.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const unknown = crypto.randomUUID();
    expect((await comments(unknown)).status).toBe(404);
    expect((await remove(unknown, owner)).status).toBe(404);
    expect((await remove('not-a-uuid', owner)).status).toBe(404);
    expect((await comments(task.id)).body.items).toEqual([comment]);
  });

  it('lets the author, an admin or the owner delete a comment, and answers any other member 403', async () => {
    const task = await createTask(h, owner, projectId);
    const byOwner = await addComment(h, owner, task.id, 'by owner');
    const denied = await remove(byOwner.id, mate);
    expect(denied.status).toBe(403);
    expect(denied.headers.get('content-type')).toContain('application/problem+json');
    expect(denied.body.code).toBe('forbidden');

    const own = await addComment(h, mate, task.id, 'mine');
    expect((await remove(own.id, mate)).status).toBe(204);
    expect((await remove(own.id, mate)).status).toBe(404);
    const forAdmin = await addComment(h, mate, task.id, 'an admin may');
    expect((await remove(forAdmin.id, admin)).status).toBe(204);
    const forOwner = await addComment(h, admin, task.id, 'the owner may');
    expect((await remove(forOwner.id, owner)).status).toBe(204);
    expect((await comments(task.id)).body.items.map((c) => c.id)).toEqual([byOwner.id]);
  });

  it('emits task.commented in the comment’s transaction, with whom it concerns and the members it mentions', async () => {
    const task = await createTask(h, owner, projectId, { title: 'Launch plan', assigneeId: mate.id });
    const body = `@[Mate](${mate.id}) and @owner, see ${'x'.repeat(300)} — not @${stranger.email} nor @[X](${stranger.id})`;
    const comment = await addComment(h, admin, task.id, body);
    expect(comment.mentions).toEqual([mate.id, owner.id]);
    const byEmail = await addComment(h, admin, task.id, `@${mate.email.toUpperCase()}: ok?`);
    expect(byEmail.mentions).toEqual([mate.id]);

    const event = await h.waitForEvent((e) => e.type === 'task.commented' && e.data.commentId === comment.id);
    expect(event).toMatchObject({ actorId: admin.id, producer: 'tasks' });
    expect(event.data).toEqual({
      taskId: task.id,
      projectId,
      commentId: comment.id,
      authorId: admin.id,
      excerpt: expect.stringMatching(/^@Mate and @owner, see x+…$/),
      taskTitle: 'Launch plan',
      assigneeId: mate.id,
      createdBy: owner.id,
      mentionedIds: [mate.id, owner.id],
      taskVersion: task.version,
    });
    expect(Array.from((event.data as { excerpt: string }).excerpt)).toHaveLength(200);
  });

  it('emits task.comment_deleted with ids only (never the words) when a comment is deleted, and nothing when refused', async () => {
    const task = await createTask(h, owner, projectId, { title: 'Retro' });
    const edited = await h.request<{ version: number }>('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { title: 'Retro notes' },
    });
    expect(edited.body.version).toBe(task.version + 1);
    const comment = await addComment(h, mate, task.id, 'a secret word');
    expect((await remove(comment.id, stranger)).status).toBe(404);
    expect((await remove(comment.id, admin)).status).toBe(204);

    const event = await h.waitForEvent((e) => e.type === 'task.comment_deleted' && e.data.commentId === comment.id);
    expect(event).toMatchObject({ actorId: admin.id, producer: 'tasks' });
    expect(event.data).toEqual({
      taskId: task.id,
      projectId,
      commentId: comment.id,
      authorId: mate.id,
      taskVersion: task.version + 1,
    });
    // Exactly one: the refused attempt by someone outside the project published nothing.
    expect(h.events.filter((e) => e.type === 'task.comment_deleted' && e.data.commentId === comment.id)).toHaveLength(
      1,
    );
  });

  it('deletes comments with their task, and with their project', async () => {
    const count = async (taskId: string) =>
      (await h.pool.query('SELECT 1 FROM comments WHERE task_id = $1', [taskId])).rowCount;
    const task = await createTask(h, owner, projectId);
    await addComment(h, mate, task.id, 'soon gone');
    expect((await h.request('DELETE', `/api/tasks/${task.id}`, { token: mate.token })).status).toBe(204);
    expect(await count(task.id)).toBe(0);
    expect((await comments(task.id)).status).toBe(404);

    const project = await createProject(h, owner);
    const other = await createTask(h, owner, project.id);
    await addComment(h, owner, other.id, 'also gone');
    expect((await h.request('DELETE', `/api/projects/${project.id}`, { token: owner.token })).status).toBe(204);
    expect(await count(other.id)).toBe(0);
  });
});
