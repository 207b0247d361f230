import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  DndContext,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { Member, Task, TaskStatus } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { useToast } from '@/components/ui/toaster';
import { errorMessage, isApiError } from '@/lib/api-error';
import { useDeleteTask } from '../api/delete-task';
import { useUpdateTask, type UpdateTaskVariables } from '../api/update-task';
import { STATUSES } from '../task-meta';
import { BoardColumn } from './board-column';
import {
  boardAnnouncements,
  columnFirstCollisions,
  columnIdsOf,
  columnOf,
  keyBetween,
  moveAcross,
  moveFor,
  moveWithin,
  screenReaderInstructions,
  type ColumnIds,
} from './board-dnd';

type Props = { projectId: string; tasks: Task[]; members: Member[] };

// Module constants: dnd-kit remakes every card's drag listeners when a sensor's options are a new object, and
// the board renders again at each step of a drag across columns.
const POINTER = { activationConstraint: { distance: 5 } };
const KEYBOARD = { coordinateGetter: sortableKeyboardCoordinates };

/** What to tell a person whose change the server refused; the board already shows the task as it is. */
function refusal(error: Error, { task, changes }: UpdateTaskVariables): { title: string; body: string } {
  if (isApiError(error, ErrorCode.versionConflict))
    return {
      title: 'This task was changed by someone else',
      body: `“${task.title}” now shows the latest version. Please make your change again.`,
    };
  if (isApiError(error) && error.status === 404)
    return { title: 'This task is gone', body: `“${task.title}” was deleted, or you are no longer a member here.` };
  if (isApiError(error) && error.status === 403)
    return { title: 'Not allowed', body: `You may not change “${task.title}”. ${errorMessage(error)}` };
  return {
    title: changes.position ? 'Could not move the task' : 'Could not update the task',
    body: errorMessage(error),
  };
}

export function Board({ projectId, tasks, members }: Props) {
  const showToast = useToast();
  const { mutate: update } = useUpdateTask(projectId, {
    mutationConfig: {
      // By now the board shows the task as it was again (or as the server now has it).
      onError: (error, variables) => showToast({ tone: 'error', ...refusal(error, variables) }),
    },
  });
  const { mutate: remove } = useDeleteTask(projectId, {
    mutationConfig: {
      onSuccess: (_data, task) => showToast({ tone: 'success', title: `Deleted “${task.title}”` }),
      onError: (error, task) =>
        showToast({ tone: 'error', title: `Could not delete “${task.title}”`, body: errorMessage(error) }),
    },
  });

  const tasksById = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
  const savedColumns = useMemo(() => columnIdsOf(tasks), [tasks]);
  // While a card is dragged (and until the cache shows where it was dropped), the drag's own view of the columns.
  const [dragColumns, setDragColumns] = useState<ColumnIds | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const columns = dragColumns ?? savedColumns;
  const columnsRef = useRef(columns);
  columnsRef.current = columns;

  // A drop leaves the drag's view up until the cache has the card where it was dropped (the optimistic
  // update lands a moment later), so the card never flickers back to where it came from.
  const awaitingDrop = useRef(false);
  useEffect(() => {
    if (!awaitingDrop.current) return;
    awaitingDrop.current = false;
    setDragColumns(null);
  }, [tasks]);

  const sensors = useSensors(useSensor(PointerSensor, POINTER), useSensor(KeyboardSensor, KEYBOARD));

  const accessibility = useMemo(() => {
    const titleOf = (id: UniqueIdentifier) => tasksById.get(String(id))?.title ?? 'task';
    const place = (active: UniqueIdentifier, over: UniqueIdentifier) => {
      const current = columnsRef.current;
      const status = columnOf(current, over);
      const ids = status ? current[status] : [];
      const inColumn = ids.includes(String(active));
      const overIndex = ids.indexOf(String(over));
      const index = overIndex >= 0 ? overIndex : inColumn ? ids.indexOf(String(active)) : ids.length;
      return { status, index, count: ids.length + (inColumn ? 0 : 1) };
    };
    return { announcements: boardAnnouncements(titleOf, place), screenReaderInstructions };
  }, [tasksById]);

  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => {
      setActiveId(String(active.id));
      setDragColumns(savedColumns);
    },
    [savedColumns],
  );

  const onDragOver = useCallback(({ active, over }: DragOverEvent) => {
    if (!over) return;
    const translated = active.rect.current.translated;
    const below = translated ? translated.top > over.rect.top + over.rect.height / 2 : false;
    setDragColumns((current) => (current ? moveAcross(current, String(active.id), over.id, below) : current));
  }, []);

  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      setActiveId(null);
      const task = tasksById.get(String(active.id));
      if (!over || !task) return setDragColumns(null);
      const final = moveWithin(columnsRef.current, task.id, over.id);
      const move = moveFor(final, task, tasksById);
      if (!move) return setDragColumns(null);
      setDragColumns(final);
      awaitingDrop.current = true;
      update(move);
    },
    [tasksById, update],
  );

  const onDragCancel = useCallback(() => {
    setActiveId(null);
    setDragColumns(null);
  }, []);

  const onStatusChange = useCallback(
    (task: Task, status: TaskStatus) => {
      if (task.status === status) return;
      // The server puts it at the end of its new column; so does the board until it answers.
      const last = tasksById.get(savedColumns[status].at(-1) ?? '');
      const position = keyBetween(last?.position ?? null, null);
      update({ task, changes: { status }, preview: position ? { position } : undefined });
    },
    [update, tasksById, savedColumns],
  );

  const onAssigneeChange = useCallback(
    (task: Task, assigneeId: string | null) => {
      if (task.assigneeId === assigneeId) return;
      const member = members.find((m) => m.userId === assigneeId);
      const assignee = member ? { id: member.userId, name: member.name } : null;
      update({ task, changes: { assigneeId }, preview: { assignee } });
    },
    [update, members],
  );

  const onDelete = useCallback(
    (task: Task) => {
      if (window.confirm(`Delete “${task.title}”? This cannot be undone.`)) remove(task);
    },
    [remove],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={columnFirstCollisions}
      // Measured at the pick-up and again whenever a column's cards change (SortableContext asks for it):
      // measuring every card on every move would cost a layout per pointer event.
      measuring={{ droppable: { strategy: MeasuringStrategy.WhileDragging } }}
      accessibility={accessibility}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
    >
      {/* Three columns side by side; on a narrow screen they scroll sideways. */}
      <div className="-mx-4 flex snap-x snap-mandatory gap-4 overflow-x-auto px-4 pb-2 md:mx-0 md:grid md:grid-cols-3 md:overflow-visible md:px-0">
        {STATUSES.map(({ value, label }) => (
          <BoardColumn
            key={value}
            status={value}
            label={label}
            ids={columns[value]}
            tasksById={tasksById}
            activeId={activeId}
            members={members}
            onStatusChange={onStatusChange}
            onAssigneeChange={onAssigneeChange}
            onDelete={onDelete}
          />
        ))}
      </div>
    </DndContext>
  );
}
