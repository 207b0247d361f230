import { describe, expect, it } from 'vitest';
import type { ActivityEntry, Member } from '@taskflow/contracts/api';
import { makeTask } from '../../../test/fixtures';
import { describeActivity } from './activity-text';
import { changedFields, ifMatchVersion } from './task-fields';

const ana: Member = {
  userId: crypto.randomUUID(),
  name: 'Ana Lopez',
  email: 'ana@example.test',
  role: 'member',
  joinedAt: '2030-01-01T00:00:00.000Z',
};

describe('ifMatchVersion', () => {
  const base = makeTask({ title: 'A', status: 'todo', version: 3 });

  it('goes on top of the current version when the fields it sets are as the person saw them', () => {
    const current = { ...base, priority: 'high' as const, version: 5 };
    expect(ifMatchVersion(base, current, { status: 'done' })).toBe(5);
  });

  it('sends the version the person saw when someone changed one of those fields since, so the server refuses it', () => {
    const current = { ...base, status: 'in_progress' as const, version: 5 };
    expect(ifMatchVersion(base, current, { status: 'done', priority: 'low' })).toBe(3);
    expect(ifMatchVersion(base, { ...base, labels: ['x'], version: 4 }, { labels: ['y'] })).toBe(3);
    expect(ifMatchVersion(base, undefined, { status: 'done' })).toBe(3);
  });

  it('lists the editable fields two versions differ in', () => {
    const after = { ...base, title: 'B', dueAt: '2030-01-01T00:00:00.000Z', position: 'b', version: 9 };
    expect(changedFields(base, after)).toEqual(['title', 'dueAt']);
  });
});

describe('describeActivity', () => {
  const context = { members: [ana], timeZone: 'Asia/Tokyo' };
  const entry = (changes: ActivityEntry['changes'], type: ActivityEntry['type'] = 'updated'): ActivityEntry => ({
    id: crypto.randomUUID(),
    type,
    actor: { id: ana.userId, name: ana.name },
    changes,
    at: '2030-01-01T00:00:00.000Z',
  });

  it('says what changed from what to what, with status, priority and member names and local dates', () => {
    expect(
      describeActivity(
        entry({
          status: ['todo', 'in_progress'],
          position: ['a0', 'a1'],
          priority: ['medium', 'urgent'],
          assigneeId: [null, ana.userId],
          title: ['Old', 'New'],
          labels: [[], ['ops', 'web']],
          reminders: [[60], [1440, 0]],
        }),
        context,
      ),
    ).toEqual([
      'changed the status from To do to In progress',
      'changed the priority from Medium to Urgent',
      'changed the assignee from Unassigned to Ana Lopez',
      'renamed it from “Old” to “New”',
      'changed the labels from no labels to ops, web',
      'changed the reminders from 1 hour before to 1 day before, At due time',
    ]);
    // 15:00 UTC is midnight the next day in Tokyo.
    const [due] = describeActivity(entry({ dueAt: [null, '2030-03-04T15:00:00.000Z'] }), context);
    expect(due).toMatch(/^changed the due date from no due date to .*5.*2030.*(00:00|12:00 AM)/);
    expect(describeActivity(entry({ assigneeId: [crypto.randomUUID(), null] }), context)).toEqual([
      'changed the assignee from a former member to Unassigned',
    ]);
    expect(describeActivity(entry({ position: ['a0', 'a1'] }), context)).toEqual(['moved the card']);
    expect(describeActivity(entry({ description: ['', 'x'] }), context)).toEqual(['edited the description']);
  });

  it('tells creation and comments without their words', () => {
    expect(describeActivity(entry({}, 'created'), context)).toEqual(['created the task']);
    expect(describeActivity(entry({ comment: [null, 'id'] }, 'commented'), context)).toEqual(['commented']);
    expect(describeActivity(entry({ comment: ['id', null] }, 'comment_deleted'), context)).toEqual([
      'deleted a comment',
    ]);
  });
});
