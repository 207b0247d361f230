import { memo, useMemo, type KeyboardEvent, type PointerEvent } from 'react';
import { Link, useLocation } from 'react-router';
import type { DraggableAttributes } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { TaskStatus, type Member, type Task } from '@taskflow/contracts/api';
import { cn } from '@/components/ui/cn';
import { formatDate, isOverdue } from '@/lib/format';
import { STATUSES } from '../task-meta';
import { indexAfterMove } from './board-dnd';
import { PriorityBadge } from './priority-badge';

export type TaskCardActions = {
  onStatusChange: (task: Task, status: TaskStatus) => void;
  onAssigneeChange: (task: Task, assigneeId: string | null) => void;
  onDelete: (task: Task) => void;
};

type Props = TaskCardActions & { task: Task; members: Member[] };

/** Where a card's title leads: the task drawer over the board, keeping the board's filters. */
export function useTaskLink(task: Task) {
  const { search } = useLocation();
  return { pathname: `/projects/${task.projectId}/tasks/${task.id}`, search };
}

// A press on a control inside the card is that control's, not the start of a drag.
const INTERACTIVE = 'a, button, input, select, textarea, label';

const GripIcon = () => (
  <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
    <path d="M7 4a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 4Zm0 6a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 10Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 4A1.25 1.25 0 1 1 13 4a1.25 1.25 0 0 1 2.5 0Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 16a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0Z" />
  </svg>
);

const smallSelect = cn(
  'h-8 min-w-0 flex-1 rounded-md border border-gray-300 bg-white px-2 text-xs text-gray-800',
  'focus:outline-2 focus:outline-indigo-500 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200',
);

/** What the card's "Move" handle gets from dnd-kit: stable while nothing about the drag changes for this card. */
type DragHandle = {
  attributes: DraggableAttributes;
  onKeyDown?: (event: KeyboardEvent) => void;
  setActivatorNodeRef: (element: HTMLElement | null) => void;
};

/**
 * A card that can be dragged: with the mouse or a finger anywhere on it but its controls, with the
 * keyboard from its "Move" handle (Space or Enter picks it up, arrows move it, Space drops, Escape cancels).
 * dnd-kit re-renders every sortable whenever the card under the pointer changes, so this part is kept to
 * the wrapper that moves; what is inside it renders again only when the task, the members or the handle change.
 */
function SortableTaskCardView(props: Props) {
  const { task } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    getNewIndex: indexAfterMove,
  });
  // dnd-kit types its listeners loosely (Function); these are React's pointer and key handlers.
  const dragListeners = listeners as
    { onPointerDown?: (event: PointerEvent) => void; onKeyDown?: (event: KeyboardEvent) => void } | undefined;
  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest(INTERACTIVE) && !target.closest('[data-drag-handle]')) return;
    dragListeners?.onPointerDown?.(event);
  };
  const onKeyDown = dragListeners?.onKeyDown;
  const handle = useMemo(
    () => ({ attributes, onKeyDown, setActivatorNodeRef }),
    [attributes, onKeyDown, setActivatorNodeRef],
  );

  return (
    <article
      ref={setNodeRef}
      aria-label={task.title}
      data-task-id={task.id}
      onPointerDown={onPointerDown}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(
        'cursor-grab touch-manipulation rounded-lg border border-gray-200 bg-white p-3 shadow-xs dark:border-gray-800 dark:bg-gray-900',
        isDragging && 'relative z-10 cursor-grabbing opacity-80 shadow-lg ring-2 ring-indigo-500',
      )}
    >
      <TaskCardContent {...props} handle={handle} />
    </article>
  );
}

export const SortableTaskCard = memo(SortableTaskCardView);

function TaskCardContentView({
  task,
  members,
  handle,
  onStatusChange,
  onAssigneeChange,
  onDelete,
}: Props & { handle: DragHandle }) {
  const link = useTaskLink(task);
  const overdue = isOverdue(task.dueAt, task.status === 'done');
  // A former member may still be assigned; keep them selectable so the select shows the truth.
  const assigneeMissing = task.assignee !== null && !members.some((m) => m.userId === task.assignee?.id);

  return (
    <>
      <div className="flex items-start justify-between gap-2">
        <button
          type="button"
          ref={handle.setActivatorNodeRef}
          data-drag-handle
          {...handle.attributes}
          onKeyDown={handle.onKeyDown}
          aria-label={`Move ${task.title}`}
          className="-m-1 shrink-0 cursor-grab touch-none rounded-md p-1 text-gray-500 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-gray-400 dark:hover:bg-gray-800"
        >
          <GripIcon />
        </button>
        <h3
          className={cn(
            'min-w-0 flex-1 text-sm font-medium break-words',
            task.status === 'done' && 'text-gray-500 line-through dark:text-gray-400',
          )}
        >
          <Link
            to={link}
            className="rounded-sm hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            {task.title}
          </Link>
        </h3>
        <button
          type="button"
          aria-label={`Delete ${task.title}`}
          onClick={() => onDelete(task)}
          className="-m-1 shrink-0 rounded-md p-1 text-gray-500 hover:bg-red-50 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-red-950"
        >
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path
              fillRule="evenodd"
              d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.443c-.795.077-1.584.176-2.365.298a.75.75 0 1 0 .23 1.482l.149-.022.841 10.518A2.75 2.75 0 0 0 7.596 19h4.807a2.75 2.75 0 0 0 2.742-2.53l.841-10.52.149.023a.75.75 0 0 0 .23-1.482A41.03 41.03 0 0 0 14 4.193V3.75A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.673.025 2.5.075V3.75c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.325C8.327 4.025 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z"
              clipRule="evenodd"
            />
          </svg>
        </button>
      </div>

      <div className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-gray-600 dark:text-gray-400">
        <PriorityBadge priority={task.priority} />
        {task.dueAt && (
          <span className={cn(overdue && 'font-medium text-red-600 dark:text-red-400')}>
            {overdue ? 'Overdue: ' : 'Due '}
            <time dateTime={task.dueAt}>{formatDate(task.dueAt)}</time>
          </span>
        )}
        <span className="ml-auto truncate" data-testid="task-assignee">
          {task.assignee ? task.assignee.name : 'Unassigned'}
        </span>
      </div>

      <div className="mt-3 flex gap-2">
        <select
          aria-label={`Status of ${task.title}`}
          value={task.status}
          onChange={(e) => onStatusChange(task, TaskStatus.parse(e.target.value))}
          className={smallSelect}
        >
          {STATUSES.map((status) => (
            <option key={status.value} value={status.value}>
              {status.label}
            </option>
          ))}
        </select>
        <select
          aria-label={`Assignee of ${task.title}`}
          value={task.assigneeId ?? ''}
          onChange={(e) => onAssigneeChange(task, e.target.value || null)}
          className={smallSelect}
        >
          <option value="">Unassigned</option>
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
          {assigneeMissing && task.assignee && <option value={task.assignee.id}>{task.assignee.name}</option>}
        </select>
      </div>
    </>
  );
}

const TaskCardContent = memo(TaskCardContentView);
