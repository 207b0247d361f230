import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnyEvent, EventData, EventType } from '@taskflow/contracts/events';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { planNotifications, taskChangeOf, withActor } from '../src/domain/notification.rules';
import { aTask, aUser, memberAdded, taskAssigned } from './factories';

const event = <T extends EventType>(type: T, data: EventData<T>, actorId: string | null): AnyEvent =>
  buildEvent('tasks', type, data, actorId);

describe('planNotifications', () => {
  const actor = aUser();
  const other = aUser();

  it('tells a new assignee, not a removed one, and never the actor', () => {
    const task = aTask({ createdBy: actor.id });
    expect(
      withActor(planNotifications(event('task.assigned', taskAssigned(task, other.id), actor.id)), 'Alice'),
    ).toEqual([
      expect.objectContaining({
        recipientId: other.id,
        title: 'Alice assigned you a task',
        body: task.title,
        link: `/projects/${task.projectId}/tasks/${task.id}`,
        taskId: task.id,
      }),
    ]);
    expect(withActor(planNotifications(event('task.assigned', taskAssigned(task, null), actor.id)), 'Alice')).toEqual(
      [],
    );
    expect(
      withActor(planNotifications(event('task.assigned', taskAssigned(task, actor.id), actor.id)), 'Alice'),
    ).toEqual([]);
  });

  it('tells assignee and creator of a status change once each, with readable status names', () => {
    const same = aTask({ createdBy: other.id, assigneeId: other.id, title: 'Docs' });
    const drafts = withActor(
      planNotifications(event('task.updated', { task: same, changes: { status: ['todo', 'in_progress'] } }, actor.id)),
      'Alice',
    );
    expect(drafts).toEqual([
      expect.objectContaining({
        recipientId: other.id,
        title: 'Alice moved Docs to In progress',
        body: 'To do → In progress',
      }),
    ]);

    const third = aUser();
    const split = aTask({ createdBy: other.id, assigneeId: third.id });
    const recipients = withActor(
      planNotifications(event('task.updated', { task: split, changes: { status: ['in_progress', 'done'] } }, third.id)),
      'Alice',
    ).map((d) => d.recipientId);
    expect(recipients).toEqual([other.id]);
  });

  it('ignores updates without a status change and events nobody is told about', () => {
    const task = aTask({ createdBy: other.id, assigneeId: other.id });
    expect(
      withActor(planNotifications(event('task.updated', { task, changes: { title: ['a', 'b'] } }, actor.id)), 'A'),
    ).toEqual([]);
    expect(withActor(planNotifications(event('task.updated', { task }, actor.id)), 'A')).toEqual([]);
    expect(withActor(planNotifications(event('task.created', { task }, actor.id)), 'A')).toEqual([]);
  });

  it('tells an added member, even when no actor is known', () => {
    const projectId = randomUUID();
    expect(
      withActor(
        planNotifications(event('project.member_added', memberAdded(projectId, other.id, 'Launch'), null)),
        'Someone',
      ),
    ).toEqual([
      expect.objectContaining({
        recipientId: other.id,
        title: 'Someone added you to Launch',
        link: `/projects/${projectId}`,
        taskId: null,
      }),
    ]);
  });
});

describe('taskChangeOf', () => {
  it('pushes nothing for task.assigned, which always travels beside the created/updated of the same write', () => {
    const task = aTask({ createdBy: randomUUID(), version: 3 });
    expect(taskChangeOf(event('task.assigned', taskAssigned(task, randomUUID()), null))).toBeNull();
  });

  it('describes every task change and nothing else', () => {
    const task = aTask({ createdBy: randomUUID(), version: 7 });
    for (const type of ['task.created', 'task.deleted'] as const) {
      expect(taskChangeOf(event(type, { task }, null))).toEqual({
        projectId: task.projectId,
        taskId: task.id,
        type,
        version: 7,
      });
    }
    expect(taskChangeOf(event('task.updated', { task, changes: { title: ['a', 'b'] } }, null))).toMatchObject({
      type: 'task.updated',
      version: 7,
    });
    expect(taskChangeOf(event('project.member_added', memberAdded(randomUUID(), randomUUID()), null))).toBeNull();
  });
});
