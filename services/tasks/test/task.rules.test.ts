import { describe, expect, it } from 'vitest';
import { completedAtFor, computeChanges, positionBetween, remindersFor } from '../src/domain/task.rules';
import { decodeCursor, encodeCursor } from '../src/domain/cursor';
import { z } from 'zod';

describe('positionBetween', () => {
  it('makes keys that sort between their neighbours, byte-wise', () => {
    const first = positionBetween(null, null)!;
    const last = positionBetween(first, null)!;
    const middle = positionBetween(first, last)!;
    const head = positionBetween(null, first)!;
    expect([last, middle, head, first].sort()).toEqual([head, first, middle, last]);
    let lower = first;
    for (let i = 0; i < 50; i++) lower = positionBetween(lower, last)!;
    expect(lower > first && lower < last).toBe(true);
  });

  it('refuses neighbours given out of order', () => {
    const a = positionBetween(null, null)!;
    const b = positionBetween(a, null)!;
    expect(positionBetween(b, a)).toBeUndefined();
    expect(positionBetween(a, a)).toBeUndefined();
  });
});

describe('computeChanges', () => {
  const current = {
    title: 'A',
    labels: ['x'],
    dueAt: new Date('2030-01-01T00:00:00Z') as Date | null,
    assigneeId: null as string | null,
  };

  it('lists only the fields that really changed, dates as ISO strings', () => {
    expect(
      computeChanges(current, { title: 'A', labels: ['x'], dueAt: new Date('2030-01-02T00:00:00Z'), assigneeId: 'u1' }),
    ).toEqual({ dueAt: ['2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z'], assigneeId: [null, 'u1'] });
  });

  it('is empty when nothing changed or a field was not given', () => {
    expect(
      computeChanges(current, {
        title: 'A',
        labels: ['x'],
        dueAt: new Date('2030-01-01T00:00:00Z'),
        assigneeId: undefined,
      }),
    ).toEqual({});
    expect(computeChanges(current, { labels: ['x', 'y'] })).toEqual({ labels: [['x'], ['x', 'y']] });
    expect(computeChanges(current, { dueAt: null })).toEqual({ dueAt: ['2030-01-01T00:00:00.000Z', null] });
  });
});

describe('remindersFor and completedAtFor', () => {
  const due = new Date('2030-01-01T00:00:00Z');
  it('defaults reminders when a due date appears, keeps explicit ones', () => {
    expect(remindersFor({ dueAt: due, hadDueDate: false, current: [] })).toEqual([1440, 60]);
    expect(remindersFor({ dueAt: null, hadDueDate: false, current: [] })).toEqual([]);
    expect(remindersFor({ requested: [], dueAt: due, hadDueDate: false, current: [] })).toEqual([]);
    expect(remindersFor({ requested: [5, 60, 5], dueAt: due, hadDueDate: true, current: [1440] })).toEqual([60, 5]);
    expect(remindersFor({ dueAt: due, hadDueDate: true, current: [30] })).toEqual([30]);
  });

  it('sets completedAt on done, keeps it while done, clears it after', () => {
    const now = new Date();
    const before = new Date('2020-01-01T00:00:00Z');
    expect(completedAtFor('todo', 'done', null, now)).toBe(now);
    expect(completedAtFor('done', 'done', before, now)).toBe(before);
    expect(completedAtFor('done', 'todo', before, now)).toBeNull();
  });
});

describe('cursors', () => {
  it('round-trip and reject anything else as a 400 on cursor', () => {
    const schema = z.object({ i: z.number() });
    expect(decodeCursor(schema, encodeCursor({ i: 3 }))).toEqual({ i: 3 });
    expect(decodeCursor(schema, undefined)).toBeUndefined();
    expect(() => decodeCursor(schema, encodeCursor({ i: 'x' }))).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ path: 'cursor' })] }),
    );
  });
});
