import { expect, it } from 'vitest';
import { makeTask } from '../../../../test/fixtures';
import { shareUnchangedTasks } from './get-tasks';

const [a, b, c] = ['A', 'B', 'C'].map((title, i) => makeTask({ title, position: `a${i}` }));

it('keeps the objects of unchanged tasks wherever they moved in the list, and a new one for a changed task', () => {
  const previous = [a!, b!, c!];
  const changed = { ...b!, status: 'done' as const };
  // As a fetch delivers them: every task a new object, one moved, one changed.
  const next = shareUnchangedTasks(previous, [{ ...c! }, { ...a! }, changed]);
  expect(next[0]).toBe(c);
  expect(next[1]).toBe(a);
  expect(next[2]).toEqual(changed);
  expect(next[2]).not.toBe(b);
});

it('answers the very list it had when nothing changed, and the new list when a task came or went', () => {
  const previous = [a!, b!];
  expect(shareUnchangedTasks(previous, [{ ...a! }, { ...b! }])).toBe(previous);
  expect(shareUnchangedTasks(previous, [a!])).toEqual([a]);
  expect(shareUnchangedTasks(previous, [a!, b!, c!])).toEqual([a, b, c]);
  expect(shareUnchangedTasks(undefined, [a!])).toEqual([a]);
});
