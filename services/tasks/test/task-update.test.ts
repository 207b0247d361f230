import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@taskflow/contracts/api';
import { currentContext, requestContext } from '@taskflow/service-kit/context';
import { addMember, createTask, registerUser, startTeam, type TestUser } from './factories';
import type { Harness } from './harness';

/**
 * An update of a task's own fields (an assignment, a title) is a read and one statement, with no
 * transaction around them; what the statement publishes is built before it runs, so these tests hold
 * the events to the task as stored, and check that a change, a lost membership or a removed assignee
 * between the read and the write leaves nothing behind. Statements are counted, never timed.
 */

let h: Harness;
let owner: TestUser;
let mate: TestUser;
let projectId: string;

/** What the service sent to PostgreSQL for the request with this id (X-Request-Id), by statement name or text. */
const statementsOf = new Map<string, string[]>();
/** Runs before the first statement of that name is sent (once), the statement waiting for it. */
let beforeStatement: { name: string; run: () => Promise<unknown> } | undefined;
const originalQuery = pg.Client.prototype.query;

beforeAll(async () => {
  ({ h, owner, mate, projectId } = await startTeam());
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
    const call = () => (originalQuery as (...args: unknown[]) => unknown).call(this, config, values, callback);
    const requestId = currentContext()?.requestId;
    const statement =
      typeof config === 'string' ? config : ((config as pg.QueryConfig).name ?? (config as pg.QueryConfig).text);
    // The relay deletes published rows in the request's async context too; it is not the request's work.
    if (requestId && statementsOf.has(requestId) && !/^DELETE FROM outbox/.test(statement)) {
      statementsOf.get(requestId)!.push(statement);
    }
    const hook = beforeStatement;
    if (!hook || hook.name !== statement) return call();
    beforeStatement = undefined;
    // Outside the request's context: the test's own statement is not the request's.
    const delayed = requestContext.exit(hook.run).then(call);
    return typeof callback === 'function' || typeof values === 'function' ? undefined : delayed;
  } as typeof pg.Client.prototype.query;
});

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await h?.close();
});

/** A PATCH whose statements are recorded. */
async function patchTask(by: TestUser, taskId: string, body: object) {
  const requestId = randomUUID();
  statementsOf.set(requestId, []);
  const res = await h.request<Task & { code?: string }>('PATCH', `/api/tasks/${taskId}`, {
    token: by.token,
    body,
    headers: { 'X-Request-Id': requestId },
  });
  return { ...res, statements: statementsOf.get(requestId)! };
}

const storedState = async (taskId: string) => {
  const { rows } = await h.pool.query<{ version: number; title: string; entries: number }>(
    `SELECT version, title, (SELECT count(*)::int FROM task_activity a WHERE a.task_id = t.id AND a.type = 'updated') AS entries
       FROM tasks t WHERE id = $1`,
    [taskId],
  );
  return rows[0];
};

describe('an update of a task’s own fields', () => {
  it('is two statements, the read and the write, and publishes the task exactly as stored', async () => {
    const task = await createTask(h, owner, projectId, { labels: ['a'], dueAt: '2031-05-01T10:00:00.000Z' });
    const res = await patchTask(owner, task.id, { assigneeId: mate.id });
    expect(res.status).toBe(200);
    // No BEGIN or COMMIT: the read, then the change with its activity entry and outbox rows.
    expect(res.statements).toEqual(['tasks_find_to_update', 'tasks_update_fields']);
    expect(res.body).toMatchObject({ assignee: { id: mate.id, name: 'Mate' }, version: 2 });

    const stored = (await h.request<Task>('GET', `/api/tasks/${task.id}`, { token: owner.token })).body;
    expect(res.body).toEqual(stored);
    const { assignee: _assignee, ...snapshot } = stored;
    const updated = await h.waitForEvent((e) => e.type === 'task.updated' && e.data.task.id === task.id);
    const assigned = await h.waitForEvent(
      (e) => e.type === 'task.assigned' && e.data.task.id === task.id && e.data.assigneeId === mate.id,
    );
    expect(updated.data).toEqual({ task: snapshot, changes: { assigneeId: [null, mate.id] } });
    expect(assigned.data).toEqual({ task: snapshot, assigneeId: mate.id, previousAssigneeId: null });
    expect(h.events.indexOf(updated)).toBeLessThan(h.events.indexOf(assigned));

    const activity = await h.request<{ items: { type: string; changes: object }[] }>(
      'GET',
      `/api/tasks/${task.id}/activity`,
      { token: owner.token },
    );
    expect(activity.body.items[0]).toMatchObject({ type: 'updated', changes: { assigneeId: [null, mate.id] } });
  });

  it('moving a card or its due date is still one transaction (it locks and re-plans)', async () => {
    const task = await createTask(h, owner, projectId);
    const res = await patchTask(owner, task.id, { status: 'in_progress' });
    expect(res.status).toBe(200);
    expect(res.statements[0]).toBe('begin');
    expect(res.statements.at(-1)).toBe('commit');
  });

  it('a change between the read and the write: the attempt writes nothing, the next one applies on top of it', async () => {
    const task = await createTask(h, owner, projectId);
    beforeStatement = {
      name: 'tasks_update_fields',
      run: () =>
        h.pool.query(`UPDATE tasks SET title = 'Changed meanwhile', version = version + 1 WHERE id = $1`, [task.id]),
    };
    const res = await patchTask(owner, task.id, { priority: 'high' });
    expect(res.status).toBe(200);
    expect(res.statements).toEqual([
      'tasks_find_to_update',
      'tasks_update_fields',
      'tasks_find_to_update',
      'tasks_update_fields',
    ]);
    expect(res.body).toMatchObject({ title: 'Changed meanwhile', priority: 'high', version: 3 });
    expect(await storedState(task.id)).toEqual({ version: 3, title: 'Changed meanwhile', entries: 1 });
    const updated = await h.waitForEvent((e) => e.type === 'task.updated' && e.data.task.id === task.id);
    expect(updated.data).toMatchObject({ task: { title: 'Changed meanwhile', version: 3 } });
  });

  it('the caller leaving the project between the read and the write: 404, and nothing written or published', async () => {
    const { leaver, task } = await aMemberLeavingBeforeTheWrite();
    const res = await patchTask(leaver, task.id, { title: 'Not theirs to change' });
    expect(res.status).toBe(404);
    expect(await storedState(task.id)).toMatchObject({ version: 1, entries: 0 });
    await expectNoUpdateBy(leaver, task.id);
  });

  it('the new assignee leaving the project between the read and the write: 400, and nothing written or published', async () => {
    const { leaver, task } = await aMemberLeavingBeforeTheWrite();
    const res = await patchTask(owner, task.id, { assigneeId: leaver.id });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('assignee_not_member');
    expect(await storedState(task.id)).toMatchObject({ version: 1, entries: 0 });
    expect(h.events.some((e) => e.type === 'task.assigned' && e.data.task.id === task.id)).toBe(false);
    await expectNoUpdateBy(owner, task.id);
  });
});

/** A new member and a task of the project; the member leaves just before the next update statement runs. */
async function aMemberLeavingBeforeTheWrite() {
  const leaver = await registerUser(h, { name: 'Leaver' });
  await addMember(h, owner, projectId, leaver);
  const task = await createTask(h, owner, projectId);
  beforeStatement = {
    name: 'tasks_update_fields',
    run: () =>
      h.pool.query('DELETE FROM project_members WHERE project_id = $1 AND user_id = $2', [projectId, leaver.id]),
  };
  return { leaver, task };
}

/**
 * Nothing `by` changed on the task was published: events go out in commit order, so once a later
 * change's event has arrived, an earlier one would have too.
 */
async function expectNoUpdateBy(by: TestUser, taskId: string) {
  const later = await patchTask(owner, taskId, { description: 'a later change' });
  expect(later.status).toBe(200);
  await h.waitForEvent((e) => e.type === 'task.updated' && e.data.task.id === taskId && e.actorId === owner.id);
  const updates = h.events.filter((e) => e.type === 'task.updated' && e.data.task.id === taskId);
  expect(updates).toHaveLength(1);
  expect(updates.some((e) => e.actorId === by.id && by.id !== owner.id)).toBe(false);
}
