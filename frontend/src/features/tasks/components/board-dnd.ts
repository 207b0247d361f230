import {
  closestCorners,
  type Announcements,
  type ClientRect,
  type CollisionDetection,
  type ScreenReaderInstructions,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import type { NewIndexGetter } from '@dnd-kit/sortable';
import { generateKeyBetween } from 'fractional-indexing';
import { TaskStatus, type Task, type UpdateTaskBody } from '@taskflow/contracts/api';
import { STATUSES } from '../task-meta';

/** The ids of each column's cards, top to bottom: what a drag rearranges before anything is saved. */
export type ColumnIds = Record<TaskStatus, string[]>;

const COLUMN_PREFIX = 'column:';
export const columnDropId = (status: TaskStatus) => `${COLUMN_PREFIX}${status}`;

const statusOfDropId = (id: UniqueIdentifier): TaskStatus | undefined => {
  const parsed = TaskStatus.safeParse(String(id).slice(COLUMN_PREFIX.length));
  return String(id).startsWith(COLUMN_PREFIX) && parsed.success ? parsed.data : undefined;
};

const contains = (rect: ClientRect, { x, y }: { x: number; y: number }) =>
  x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;

/**
 * What the dragged card is over: the column under the pointer (under the card's centre for the keyboard)
 * first, then the closest of that column's cards by their corners. Only that column's cards are compared,
 * not every rendered card of the board; between columns, the closest of all of them.
 */
export const columnFirstCollisions: CollisionDetection = (args) => {
  const { collisionRect, droppableRects, droppableContainers, pointerCoordinates } = args;
  const point = pointerCoordinates ?? {
    x: collisionRect.left + collisionRect.width / 2,
    y: collisionRect.top + collisionRect.height / 2,
  };
  const status = droppableContainers
    .map(({ id }) => ({ status: statusOfDropId(id), rect: droppableRects.get(id) }))
    .find(({ status, rect }) => status && rect && contains(rect, point))?.status;
  if (!status) return closestCorners(args);
  const inColumn = droppableContainers.filter(
    ({ id, data }) => id === columnDropId(status) || data.current?.sortable?.containerId === status,
  );
  return closestCorners({ ...args, droppableContainers: inColumn });
};

/**
 * Where the card `id` would be once the dragged card (at `activeIndex`) lands at `overIndex`: what
 * dnd-kit's default works out by copying the whole column for every rendered card on every render of
 * a drag (a column can hold hundreds of cards), by arithmetic instead.
 */
export const indexAfterMove: NewIndexGetter = ({ id, items, activeIndex, overIndex }) => {
  const index = items.indexOf(id);
  if (index === activeIndex) return overIndex;
  if (activeIndex < index && index <= overIndex) return index - 1;
  if (overIndex <= index && index < activeIndex) return index + 1;
  return index;
};

export function columnIdsOf(tasks: Task[]): ColumnIds {
  const columns = Object.fromEntries(STATUSES.map(({ value }) => [value, [] as string[]])) as ColumnIds;
  for (const task of tasks) columns[task.status].push(task.id);
  return columns;
}

/** The column a card or a column's own drop area belongs to. */
export function columnOf(columns: ColumnIds, id: UniqueIdentifier): TaskStatus | undefined {
  return statusOfDropId(id) ?? STATUSES.find(({ value }) => columns[value].includes(String(id)))?.value;
}

/**
 * `columns` with the dragged card moved over `overId` (a card or a column), as a card dragged
 * across columns shows where it would land. `below`: the card is past the middle of the one it is over.
 */
export function moveAcross(columns: ColumnIds, activeId: string, overId: UniqueIdentifier, below: boolean): ColumnIds {
  const from = columnOf(columns, activeId);
  const to = columnOf(columns, overId);
  if (!from || !to || from === to) return columns;
  const target = columns[to];
  const overIndex = target.indexOf(String(overId));
  const index = overIndex < 0 ? target.length : overIndex + (below ? 1 : 0);
  return {
    ...columns,
    [from]: columns[from].filter((id) => id !== activeId),
    [to]: [...target.slice(0, index), activeId, ...target.slice(index)],
  };
}

/** `columns` with the dragged card put in the place of `overId` within its own column. */
export function moveWithin(columns: ColumnIds, activeId: string, overId: UniqueIdentifier): ColumnIds {
  const status = columnOf(columns, activeId);
  if (!status || columnOf(columns, overId) !== status) return columns;
  const ids = columns[status];
  const from = ids.indexOf(activeId);
  const to = statusOfDropId(overId) ? ids.length - 1 : ids.indexOf(String(overId));
  if (from < 0 || to < 0 || from === to) return columns;
  const next = ids.filter((id) => id !== activeId);
  next.splice(to, 0, activeId);
  return { ...columns, [status]: next };
}

export type Move = {
  task: Task;
  changes: UpdateTaskBody;
  /** Where the board shows the card until the server answers. */
  preview: Partial<Task>;
};

/**
 * The request that puts the card where `columns` shows it, or undefined when it has not moved. The
 * card goes after the card now above it (before the one below when it is first): the server finds the
 * key between that card and its current neighbour, so two people moving cards at once never make a
 * request that no longer fits.
 */
export function moveFor(columns: ColumnIds, task: Task, tasksById: Map<string, Task>): Move | undefined {
  const status = columnOf(columns, task.id);
  if (!status) return undefined;
  const ids = columns[status];
  const index = ids.indexOf(task.id);
  const above = tasksById.get(ids[index - 1] ?? '');
  const below = tasksById.get(ids[index + 1] ?? '');
  const original = columnIdsOf([...tasksById.values()])[task.status];
  if (status === task.status && original.indexOf(task.id) === index) return undefined;

  const changes: UpdateTaskBody = {
    position: above ? { afterId: above.id } : below ? { beforeId: below.id } : {},
  };
  if (status !== task.status) changes.status = status;
  const preview: Partial<Task> = { status };
  const position = keyBetween(above?.position ?? null, below?.position ?? null);
  if (position) preview.position = position;
  return { task, changes, preview };
}

/** A position key between two neighbours for the optimistic view; undefined if they are out of order. */
export function keyBetween(lower: string | null, upper: string | null): string | undefined {
  try {
    return generateKeyBetween(lower, upper);
  } catch {
    return undefined;
  }
}

const statusLabel = (status: TaskStatus | undefined) => STATUSES.find((s) => s.value === status)?.label ?? 'the board';

export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    'To move a task, press Space or Enter to pick it up. Use the arrow keys to move it: up and down within a column, ' +
    'left and right to another column. Press Space or Enter to drop it, or Escape to cancel.',
};

/**
 * What a screen reader hears during a drag, in plain words. `place` tells where the card would land
 * now, from the drag's own view of the columns.
 */
export function boardAnnouncements(
  titleOf: (id: UniqueIdentifier) => string,
  place: (
    activeId: UniqueIdentifier,
    overId: UniqueIdentifier,
  ) => { status?: TaskStatus; index: number; count: number },
): Announcements {
  const where = (activeId: UniqueIdentifier, overId: UniqueIdentifier) => {
    const { status, index, count } = place(activeId, overId);
    return `${statusLabel(status)}, position ${index + 1} of ${count}`;
  };
  // dnd-kit reports the card over its own place as soon as it is picked up: that is no move to announce.
  let moved = false;
  return {
    onDragStart: ({ active }) => {
      moved = false;
      return `Picked up task ${titleOf(active.id)}.`;
    },
    onDragOver: ({ active, over }) => {
      if (!moved && over?.id === active.id) return undefined;
      moved = true;
      return over
        ? `Task ${titleOf(active.id)} moved to ${where(active.id, over.id)}.`
        : `Task ${titleOf(active.id)} is no longer over a column.`;
    },
    onDragEnd: ({ active, over }) =>
      over
        ? `Dropped task ${titleOf(active.id)} in ${where(active.id, over.id)}.`
        : `Dropped task ${titleOf(active.id)}; it stays where it was.`,
    onDragCancel: ({ active }) => `Cancelled. Task ${titleOf(active.id)} is back where it was.`,
  };
}
