import { describe, expect, it } from 'vitest';
import { lateAfterMs, planReminders, replanReminders } from '../src/domain/reminder.rules';

const now = new Date('2030-01-01T00:00:00Z');
const dueAt = new Date('2030-01-02T12:00:00Z');
const later = new Date('2030-01-05T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('planReminders', () => {
  it('plans future reminders of open tasks with a due date only', () => {
    expect(planReminders({ status: 'todo', dueAt, reminders: [1440, 60, 3000] }, now)).toEqual([
      { offsetMinutes: 1440, remindAt: at('2030-01-01T12:00:00Z') },
      { offsetMinutes: 60, remindAt: at('2030-01-02T11:00:00Z') },
    ]);
    expect(planReminders({ status: 'done', dueAt, reminders: [60] }, now)).toEqual([]);
    expect(planReminders({ status: 'todo', dueAt: null, reminders: [60] }, now)).toEqual([]);
  });

  it('skips a reminder whose time has already passed instead of firing it at once', () => {
    const soon = new Date(now.getTime() + 30 * 60_000);
    expect(planReminders({ status: 'todo', dueAt: soon, reminders: [1440, 60, 10, 0] }, now)).toEqual([
      { offsetMinutes: 10, remindAt: at('2030-01-01T00:20:00Z') },
      { offsetMinutes: 0, remindAt: soon },
    ]);
  });
});

describe('replanReminders', () => {
  const open = { status: 'todo' as const, dueAt, reminders: [1440, 60] };

  it('leaves the rows alone when nothing about reminders changed (an assignee or a title, say)', () => {
    expect(replanReminders(open, { ...open }, now)).toBeNull();
  });

  it('starts over on a new due date', () => {
    expect(replanReminders(open, { ...open, dueAt: later }, now)).toEqual({
      keepOffsets: [],
      plan: [
        { offsetMinutes: 1440, remindAt: at('2030-01-04T12:00:00Z') },
        { offsetMinutes: 60, remindAt: at('2030-01-05T11:00:00Z') },
      ],
    });
  });

  it('keeps the rows of offsets that stay when the list or the column changes', () => {
    expect(replanReminders(open, { ...open, reminders: [1440, 30] }, now)).toEqual({
      keepOffsets: [1440, 30],
      plan: [
        { offsetMinutes: 1440, remindAt: at('2030-01-01T12:00:00Z') },
        { offsetMinutes: 30, remindAt: at('2030-01-02T11:30:00Z') },
      ],
    });
    expect(replanReminders(open, { ...open, status: 'in_progress' }, now)?.keepOffsets).toEqual([1440, 60]);
  });

  it('cancels everything on done or without a due date, and plans only what is ahead on reopening', () => {
    expect(replanReminders(open, { ...open, status: 'done' }, now)).toEqual({ keepOffsets: [], plan: [] });
    expect(replanReminders(open, { ...open, dueAt: null }, now)).toEqual({ keepOffsets: [], plan: [] });
    const reopenedAt = at('2030-01-02T00:00:00Z'); // the one-day reminder's time has passed
    expect(replanReminders({ ...open, status: 'done' }, open, reopenedAt)).toEqual({
      keepOffsets: [1440, 60],
      plan: [{ offsetMinutes: 60, remindAt: at('2030-01-02T11:00:00Z') }],
    });
  });
});

describe('late reminders', () => {
  it('counts a reminder late past a minute, or past two scheduler ticks when those are longer', () => {
    expect(lateAfterMs(15_000)).toBe(60_000);
    expect(lateAfterMs(45_000)).toBe(90_000);
    // What the claim does with it (late or on time, exactly at the threshold): reminder-events.test.ts.
  });
});
