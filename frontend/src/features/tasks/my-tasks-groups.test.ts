import { describe, expect, it } from 'vitest';
import { makeTask } from '../../../test/fixtures';
import { dueGroupOf, formatDueIn, groupByDue } from './my-tasks-groups';

/**
 * The groups are computed in the person's profile time zone, never the machine's: each case below
 * sits on a day or week boundary of that zone which the machine's zone (UTC here, or any other
 * far from it) puts on the other side.
 */

// Wednesday 2 December 2026, 23:30 in Auckland (UTC+13 in summer); still 10:30 on the 2nd in UTC.
const aucklandNow = new Date('2026-12-02T10:30:00Z');
const AUCKLAND = 'Pacific/Auckland';

describe('dueGroupOf in Pacific/Auckland', () => {
  it.each([
    ['2026-12-02T10:29:00Z', 'overdue', 'a minute ago'],
    ['2026-12-01T00:00:00Z', 'overdue', 'yesterday'],
    ['2026-12-02T10:59:59Z', 'today', '23:59:59 local, the last second of today'],
    ['2026-12-02T11:00:00Z', 'thisWeek', '00:00 Thursday local, though still the 2nd in UTC'],
    ['2026-12-06T10:59:00Z', 'thisWeek', '23:59 Sunday local, the end of the ISO week'],
    ['2026-12-06T11:00:00Z', 'later', '00:00 Monday local, though Sunday in UTC'],
    ['2027-03-01T00:00:00Z', 'later', 'months ahead'],
  ])('%s is %s (%s)', (dueAt, group) => {
    expect(dueGroupOf(dueAt, AUCKLAND, aucklandNow)).toBe(group);
  });

  it('puts a task without a due date in its own group', () => {
    expect(dueGroupOf(null, AUCKLAND, aucklandNow)).toBe('noDueDate');
  });
});

describe('dueGroupOf in America/Los_Angeles', () => {
  // Tuesday 1 December 2026, 23:30 in Los Angeles (UTC−8); already Wednesday the 2nd in UTC.
  const now = new Date('2026-12-02T07:30:00Z');
  it.each([
    ['2026-12-02T07:59:00Z', 'today', '23:59 Tuesday local'],
    ['2026-12-02T08:00:00Z', 'thisWeek', '00:00 Wednesday local'],
    ['2026-12-07T07:59:00Z', 'thisWeek', '23:59 Sunday local, Monday in UTC'],
    ['2026-12-07T08:00:00Z', 'later', '00:00 Monday local'],
  ])('%s is %s (%s)', (dueAt, group) => {
    expect(dueGroupOf(dueAt, 'America/Los_Angeles', now)).toBe(group);
  });
});

describe('groupByDue', () => {
  it('keeps the given order inside each group, drops empty groups and lists them soonest first', () => {
    const first = makeTask({ title: 'first today', dueAt: '2026-12-02T10:40:00Z' });
    const second = makeTask({ title: 'second today', dueAt: '2026-12-02T10:50:00Z' });
    const late = makeTask({ title: 'late', dueAt: '2026-12-01T09:00:00Z' });
    const undated = makeTask({ title: 'undated' });
    const groups = groupByDue([undated, first, late, second], AUCKLAND, aucklandNow);
    expect(groups.map((g) => [g.label, g.tasks.map((t) => t.title)])).toEqual([
      ['Overdue', ['late']],
      ['Today', ['first today', 'second today']],
      ['No due date', ['undated']],
    ]);
  });

  it('falls back to the browser’s zone for a zone it does not know rather than failing', () => {
    const groups = groupByDue([makeTask({ dueAt: '2026-12-01T00:00:00Z' })], 'Not/AZone', aucklandNow);
    expect(groups.map((g) => g.id)).toEqual(['overdue']);
  });
});

describe('formatDueIn', () => {
  it('names today, tomorrow and yesterday by the local calendar, other days by date', () => {
    expect(formatDueIn('2026-12-02T10:45:00Z', AUCKLAND, aucklandNow)).toMatch(/^Today, /);
    expect(formatDueIn('2026-12-02T11:15:00Z', AUCKLAND, aucklandNow)).toMatch(/^Tomorrow, /);
    expect(formatDueIn('2026-12-01T10:45:00Z', AUCKLAND, aucklandNow)).toMatch(/^Yesterday, /);
    expect(formatDueIn('2026-12-06T11:30:00Z', AUCKLAND, aucklandNow)).toMatch(/Mon.*Dec.*7/);
    expect(formatDueIn('2027-01-20T11:30:00Z', AUCKLAND, aucklandNow)).toContain('2027');
  });
});
