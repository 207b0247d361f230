import { describe, expect, it } from 'vitest';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { planNotifications, withActor } from '../src/domain/notification.rules';
import { aTask, aUser, commented } from './factories';

const [author, assignee, creator, mentioned] = [aUser(), aUser(), aUser(), aUser()];
const task = aTask({ createdBy: creator.id, assigneeId: assignee.id, title: 'Launch plan' });
const plan = (data: ReturnType<typeof commented>) =>
  planNotifications(buildEvent('tasks', 'task.commented', data, author.id));

describe('task.commented', () => {
  it('tells the assignee, the creator and each mentioned member once, never the author', () => {
    const data = commented(task, author.id, { excerpt: 'Ship it?', mentionedIds: [mentioned.id, author.id] });
    const drafts = withActor(plan(data), 'Ana');
    expect(drafts).toEqual([
      expect.objectContaining({ recipientId: assignee.id, title: 'Ana commented on Launch plan' }),
      expect.objectContaining({ recipientId: creator.id, title: 'Ana commented on Launch plan' }),
      expect.objectContaining({ recipientId: mentioned.id, title: 'Ana mentioned you on Launch plan' }),
    ]);
    for (const draft of drafts) {
      expect(draft).toEqual({
        recipientId: draft.recipientId,
        type: 'task.commented',
        kind: 'comments',
        title: draft.title,
        body: 'Ship it?',
        link: `/projects/${task.projectId}/tasks/${task.id}`,
        projectId: task.projectId,
        taskId: task.id,
      });
    }
  });

  it('makes a mention of the assignee or the creator one notification, saying they were mentioned', () => {
    const data = commented(task, author.id, { mentionedIds: [assignee.id, creator.id] });
    expect(withActor(plan(data), 'Ana').map((d) => [d.recipientId, d.title])).toEqual([
      [assignee.id, 'Ana mentioned you on Launch plan'],
      [creator.id, 'Ana mentioned you on Launch plan'],
    ]);
  });

  it('tells a creator only while they are a member, unless the comment names them', () => {
    const byCreator = (mentionedIds: string[]) =>
      plan(commented(task, author.id, { mentionedIds })).find((p) => p.recipientId === creator.id);
    expect(byCreator([])?.onlyIfMemberOf).toBe(task.projectId);
    expect(byCreator([creator.id])?.onlyIfMemberOf).toBeUndefined();
    const own = aTask({ createdBy: assignee.id, assigneeId: assignee.id });
    expect(plan(commented(own, author.id)).map((p) => [p.recipientId, p.onlyIfMemberOf])).toEqual([
      [assignee.id, undefined],
    ]);
  });

  it('tells nobody about a comment on one’s own unassigned task', () => {
    const mine = aTask({ createdBy: author.id });
    expect(plan(commented(mine, author.id))).toEqual([]);
  });
});
