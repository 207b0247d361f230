import { memo } from 'react';
import { TaskStatus, type Member, type Task } from '@taskflow/contracts/api';
import { cn } from '@/components/ui/cn';
import { formatDate, isOverdue } from '@/lib/format';
import { STATUSES } from '../task-meta';
import { PriorityBadge } from './priority-badge';

export type TaskCardActions = {
  onStatusChange: (task: Task, status: TaskStatus) => void;
  onAssigneeChange: (task: Task, assigneeId: string | null) => void;
  onDelete: (task: Task) => void;
};

type Props = TaskCardActions & { task: Task; members: Member[] };

const smallSelect = cn(
  'h-8 min-w-0 flex-1 rounded-md border border-gray-300 bg-white px-2 text-xs text-gray-800',
  'focus:outline-2 focus:outline-indigo-500 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200',
);

function TaskCardView({ task, members, onStatusChange, onAssigneeChange, onDelete }: Props) {
  const overdue = isOverdue(task.dueAt, task.status === 'done');
  // A former member may still be assigned; keep them selectable so the select shows the truth.
  const assigneeMissing = task.assignee !== null && !members.some((m) => m.userId === task.assignee?.id);

  return (
    <article
      aria-label={task.title}
      data-task-id={task.id}
      className="rounded-lg border border-gray-200 bg-white p-3 shadow-xs dark:border-gray-800 dark:bg-gray-900"
    >
      <div className="flex items-start justify-between gap-2">
        <h3
          className={cn(
            'text-sm font-medium break-words',
            task.status === 'done' && 'text-gray-500 line-through dark:text-gray-400',
          )}
        >
          {task.title}
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
    </article>
  );
}

export const TaskCard = memo(TaskCardView);
