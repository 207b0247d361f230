import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnyEvent, EventData, EventType } from '@taskflow/contracts/events';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@taskflow/contracts/api';
import { messageKeyOf, retryDelayMs } from '../src/domain/email-delivery.service';
import {
  channelsFor,
  duePhrase,
  emailsAtOnce,
  formatDueAt,
  planNotifications,
  taskChangeOf,
  withActor,
} from '../src/domain/notification.rules';
import { withDefaults } from '../src/domain/preference.service';
import {
  aTask,
  aUser,
  commentDeleted,
  commented,
  memberAdded,
  reminderDue,
  statusChanged,
  taskAssigned,
} from './factories';

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

  it('describes a comment written or deleted with its type and the task’s unchanged version', () => {
    const task = aTask({ createdBy: randomUUID(), version: 4 });
    const written = commented(task, randomUUID());
    expect(taskChangeOf(event('task.commented', written, written.authorId))).toEqual({
      projectId: task.projectId,
      taskId: task.id,
      type: 'task.commented',
      version: 4,
    });
    const deleted = { ...commentDeleted(task, written.commentId, written.authorId), taskVersion: 5 };
    expect(taskChangeOf(event('task.comment_deleted', deleted, randomUUID()))).toEqual({
      projectId: task.projectId,
      taskId: task.id,
      type: 'task.comment_deleted',
      version: 5,
    });
  });

  it('tells nobody about a deleted comment', () => {
    const task = aTask({ createdBy: randomUUID(), assigneeId: randomUUID() });
    const deleted = commentDeleted(task, randomUUID(), randomUUID());
    expect(planNotifications(event('task.comment_deleted', deleted, randomUUID()))).toEqual([]);
  });
});

describe('reminders', () => {
  it('phrases the time left: a whole unit spelled out, a mix abbreviated, nothing left is now', () => {
    expect([0, 1, 30, 60, 90, 120, 1440, 1500, 2880, 2941, 10_080, -5].map((minutes) => duePhrase(minutes))).toEqual([
      'Due now',
      'Due in 1 minute',
      'Due in 30 minutes',
      'Due in 1 hour',
      'Due in 1 h 30 min',
      'Due in 2 hours',
      'Due in 1 day',
      'Due in 1 d 1 h',
      'Due in 2 days',
      'Due in 2 d 1 h 1 min',
      'Due in 7 days',
      'Overdue',
    ]);
  });

  it('tells the recipient (the actor is nobody) with the task link and the due time in their zone', () => {
    const user = aUser();
    const task = aTask({ createdBy: user.id, title: 'Renew passport', dueAt: '2030-07-01T08:30:00.000Z' });
    const plans = planNotifications(event('task.reminder_due', reminderDue(task, user.id, 1440), null));
    expect(withActor(plans, 'Someone', () => 'America/New_York')).toEqual([
      {
        recipientId: user.id,
        type: 'task.reminder_due',
        kind: 'reminders',
        title: 'Due in 1 day: Renew passport',
        body: 'Due Mon, 1 Jul 2030, 04:30 GMT-4',
        link: `/projects/${task.projectId}/tasks/${task.id}`,
        projectId: task.projectId,
        taskId: task.id,
      },
    ]);
    // No known zone: UTC; an unknown one: UTC too, rather than failing.
    expect(withActor(plans, 'Someone')[0]!.body).toBe('Due Mon, 1 Jul 2030, 08:30 UTC');
    expect(formatDueAt(task.dueAt!, 'Not/AZone')).toBe('Mon, 1 Jul 2030, 08:30 UTC');
  });

  it('says how long is really left when it goes out late', () => {
    const user = aUser();
    const dueAt = new Date(Date.now() + 20 * 60_000 + 10_000).toISOString();
    const task = aTask({ createdBy: user.id, title: 'Call back', dueAt });
    const late = planNotifications(event('task.reminder_due', reminderDue(task, user.id, 1440, true), null));
    expect(withActor(late, 'x')[0]!.title).toBe('Due in 20 minutes: Call back');
    const past = aTask({ createdBy: user.id, title: 'Missed', dueAt: '2020-01-01T00:00:00.000Z' });
    const overdue = planNotifications(event('task.reminder_due', reminderDue(past, user.id, 60, true), null));
    expect(withActor(overdue, 'x')[0]!.title).toBe('Overdue: Missed');
  });
});

describe('preferences and channels', () => {
  const user = aUser();
  const task = aTask({ createdBy: user.id, assigneeId: user.id });

  it('gives every notification the kind of its event; being added to a project has none', () => {
    const kinds = [
      event('task.assigned', taskAssigned(task, user.id), null),
      event('task.updated', statusChanged(task, 'todo', 'done'), null),
      event('task.reminder_due', reminderDue(task, user.id, 60), null),
      event('project.member_added', memberAdded(randomUUID(), user.id), null),
    ].map((e) => planNotifications(e)[0]!.kind);
    expect(kinds).toEqual(['assigned', 'statusChanges', 'reminders', null]);
  });

  it('routes by the recipient’s choices (read by the insert), and emails only reminders at once', () => {
    expect(channelsFor('assigned')).toEqual({
      inApp: { preference: 'assigned', otherwise: DEFAULT_NOTIFICATION_PREFERENCES.inApp.assigned },
      email: { preference: 'assigned', otherwise: DEFAULT_NOTIFICATION_PREFERENCES.email.assigned },
    });
    expect(channelsFor(null)).toEqual({ inApp: true, email: true });
    expect(emailsAtOnce('reminders')).toBe(true);
    expect(emailsAtOnce('assigned')).toBe(false);
    expect(emailsAtOnce(null)).toBe(false);
  });

  it('lays stored preferences over the defaults key by key', () => {
    expect(withDefaults(null)).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
    expect(withDefaults('garbage')).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
    const partial = withDefaults({ email: { comments: false, assigned: 'no' }, inApp: null });
    expect(partial.email).toEqual({ ...DEFAULT_NOTIFICATION_PREFERENCES.email, comments: false });
    expect(partial.inApp).toEqual(DEFAULT_NOTIFICATION_PREFERENCES.inApp);
    // The defaults themselves are never changed by it.
    expect(DEFAULT_NOTIFICATION_PREFERENCES.email.comments).toBe(true);
  });
});

describe('email delivery rules', () => {
  it('backs off exponentially with jitter, up to a cap', () => {
    const backoff = { baseMs: 1000, capMs: 60_000 };
    expect([0, 1, 2, 3].map((a) => retryDelayMs(a, backoff, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(50, backoff, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(0, backoff, () => 0)).toBe(800);
    expect(retryDelayMs(0, backoff, () => 1)).toBe(1200);
  });

  it('derives the Message-ID key from the notification ids, whatever their order', () => {
    expect(messageKeyOf(['0000000000001-abc'])).toBe('n.0000000000001-abc');
    const batch = messageKeyOf(['b', 'a', 'c']);
    expect(batch).toMatch(/^b\.[0-9a-f]{40}$/);
    expect(messageKeyOf(['c', 'a', 'b'])).toBe(batch);
    expect(messageKeyOf(['a', 'b'])).not.toBe(batch);
  });
});
