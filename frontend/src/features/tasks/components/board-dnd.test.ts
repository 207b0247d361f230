import { describe, expect, it } from 'vitest';
import type { Active, ClientRect, DroppableContainer, Over, UniqueIdentifier } from '@dnd-kit/core';
import { arrayMove } from '@dnd-kit/sortable';
import type { Task } from '@taskflow/contracts/api';
import { makeTask } from '../../../../test/fixtures';
import {
  boardAnnouncements,
  columnDropId,
  columnFirstCollisions,
  columnIdsOf,
  indexAfterMove,
  moveAcross,
  moveFor,
  moveWithin,
} from './board-dnd';

const projectId = crypto.randomUUID();
const task = (title: string, status: Task['status'], position: string) =>
  makeTask({ projectId, title, status, position });
const a = task('A', 'todo', 'a0');
const b = task('B', 'todo', 'a1');
const c = task('C', 'todo', 'a2');
const d = task('D', 'in_progress', 'a0');
const tasks = [a, b, c, d];
const byId = new Map(tasks.map((t) => [t.id, t]));

describe('a drag’s view of the columns and the request it ends in', () => {
  it('moves a card into another column below the card it is dragged past', () => {
    const columns = moveAcross(columnIdsOf(tasks), b.id, d.id, true);
    expect(columns.todo).toEqual([a.id, c.id]);
    expect(columns.in_progress).toEqual([d.id, b.id]);
    const move = moveFor(columns, b, byId);
    expect(move?.changes).toEqual({ status: 'in_progress', position: { afterId: d.id } });
    expect((move?.preview.position ?? '') > d.position).toBe(true);
  });

  it('moves a card to the top of its column: before the first card', () => {
    const columns = moveWithin(columnIdsOf(tasks), c.id, a.id);
    expect(columns.todo).toEqual([c.id, a.id, b.id]);
    const move = moveFor(columns, c, byId);
    expect(move?.changes).toEqual({ position: { beforeId: a.id } });
    expect(move?.preview.position).toBeDefined();
    expect((move?.preview.position ?? 'z') < a.position).toBe(true);
  });

  it('drops into an empty column at its end, and asks nothing when a card is dropped where it was', () => {
    const columns = moveAcross(columnIdsOf(tasks), a.id, columnDropId('done'), false);
    expect(columns.done).toEqual([a.id]);
    expect(moveFor(columns, a, byId)?.changes).toEqual({ status: 'done', position: {} });
    expect(moveFor(columnIdsOf(tasks), b, byId)).toBeUndefined();
  });
});

describe('what the drag is over, worked out cheaply', () => {
  it('gives every card the place dnd-kit’s own arrayMove would, for every pick-up and drop', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    for (let activeIndex = 0; activeIndex < items.length; activeIndex++)
      for (let overIndex = 0; overIndex < items.length; overIndex++)
        for (const id of items)
          expect(indexAfterMove({ id, items, activeIndex, overIndex })).toBe(
            arrayMove(items, activeIndex, overIndex).indexOf(id),
          );
  });

  const rect = (left: number, top: number, width: number, height: number): ClientRect => ({
    left,
    top,
    width,
    height,
    right: left + width,
    bottom: top + height,
  });
  const droppable = (id: UniqueIdentifier, containerId?: string) =>
    ({
      id,
      key: String(id),
      disabled: false,
      data: { current: containerId ? { sortable: { containerId } } : {} },
    }) as unknown as DroppableContainer;
  // Two columns side by side; the dragged card sits on the border, its corners nearer To do's card.
  const rects = new Map<UniqueIdentifier, ClientRect>([
    [columnDropId('todo'), rect(0, 0, 100, 400)],
    [columnDropId('in_progress'), rect(110, 0, 100, 400)],
    ['todo-card', rect(0, 100, 100, 50)],
    ['progress-card', rect(110, 200, 100, 50)],
  ]);
  const args = (pointer: { x: number; y: number } | null, collisionRect = rect(50, 110, 100, 50)) => ({
    active: { id: 'dragged' } as Active,
    collisionRect,
    droppableRects: rects,
    droppableContainers: [
      droppable(columnDropId('todo')),
      droppable(columnDropId('in_progress')),
      droppable('todo-card', 'todo'),
      droppable('progress-card', 'in_progress'),
    ],
    pointerCoordinates: pointer,
  });

  it('looks only at the cards of the column under the pointer', () => {
    expect(columnFirstCollisions(args({ x: 150, y: 130 }))[0]?.id).toBe('progress-card');
    expect(columnFirstCollisions(args({ x: 40, y: 130 }))[0]?.id).toBe('todo-card');
  });

  it('uses the card’s centre without a pointer (the keyboard), and every card between columns', () => {
    expect(columnFirstCollisions(args(null, rect(120, 190, 100, 50)))[0]?.id).toBe('progress-card');
    expect(columnFirstCollisions(args({ x: 105, y: 130 }))[0]?.id).toBe('todo-card');
  });
});

describe('what a screen reader hears', () => {
  const titles = new Map(tasks.map((t) => [t.id, t.title]));
  const announcements = boardAnnouncements(
    (id) => titles.get(String(id)) ?? '',
    () => ({ status: 'in_progress', index: 1, count: 5 }),
  );
  const active = { id: b.id } as Active;
  const over = (id: string) => ({ id }) as Over;

  it('names the task, the column and the place in plain words', () => {
    expect(announcements.onDragStart({ active })).toBe('Picked up task B.');
    // Over its own place right after the pick-up: nothing new to say.
    expect(announcements.onDragOver({ active, over: over(b.id) })).toBeUndefined();
    expect(announcements.onDragOver({ active, over: over(d.id) })).toBe(
      'Task B moved to In progress, position 2 of 5.',
    );
    expect(announcements.onDragEnd({ active, over: over(d.id) })).toBe(
      'Dropped task B in In progress, position 2 of 5.',
    );
    expect(announcements.onDragCancel({ active, over: null })).toBe('Cancelled. Task B is back where it was.');
  });
});
