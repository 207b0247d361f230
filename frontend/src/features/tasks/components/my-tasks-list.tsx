import { Link } from 'react-router';
import type { Task } from '@taskflow/contracts/api';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatDueIn, groupByDue, type DueGroupId } from '../my-tasks-groups';
import { PriorityBadge } from './priority-badge';

type Props = {
  tasks: readonly Task[];
  /** The signed-in person's profile time zone: the groups and due times are theirs, not the browser's. */
  timezone: string;
  now: Date;
  projectName: (projectId: string) => string;
  /** Where a row leads: the task drawer. */
  taskHref: (task: Task) => string;
};

const dueTone: Partial<Record<DueGroupId, string>> = {
  overdue: 'font-medium text-red-700 dark:text-red-300',
  today: 'font-medium text-amber-800 dark:text-amber-300',
};

/** What is assigned to me, by when it is due: Overdue, Today, This week, Later, No due date. */
export function MyTasksList({ tasks, timezone, now, projectName, taskHref }: Props) {
  const groups = groupByDue(tasks, timezone, now);
  if (groups.length === 0) {
    return (
      <Card className="px-4 py-10 text-center">
        <p className="font-medium">Nothing assigned to you</p>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
          Tasks assigned to you in any project show up here, soonest due first.
        </p>
      </Card>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      {groups.map((group) => {
        const headingId = `my-tasks-${group.id}`;
        return (
          <section key={group.id} aria-labelledby={headingId}>
            <h2 id={headingId} className="mb-2 flex items-baseline gap-2 text-base font-semibold">
              {group.label}
              <span className="text-sm font-normal text-gray-600 dark:text-gray-400">
                <span className="sr-only">, </span>
                {group.tasks.length} {group.tasks.length === 1 ? 'task' : 'tasks'}
              </span>
            </h2>
            <Card>
              <ul aria-label={group.label} className="divide-y divide-gray-100 dark:divide-gray-800">
                {group.tasks.map((task) => (
                  <li key={task.id}>
                    <Link
                      to={taskHref(task)}
                      className="flex flex-col gap-1 px-4 py-3 hover:bg-gray-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 sm:flex-row sm:items-center sm:gap-3 dark:hover:bg-gray-800/60"
                    >
                      <span className="min-w-0 flex-1">
                        <span className="block truncate text-sm font-medium">{task.title}</span>
                        <span className="block truncate text-xs text-gray-600 dark:text-gray-400">
                          <span className="sr-only">Project: </span>
                          {projectName(task.projectId)}
                        </span>
                      </span>
                      <span className="flex shrink-0 items-center gap-3 text-xs">
                        {task.dueAt && (
                          <span className={cn('text-gray-600 dark:text-gray-400', dueTone[group.id])}>
                            <span className="sr-only">Due: </span>
                            <time dateTime={task.dueAt}>{formatDueIn(task.dueAt, timezone, now)}</time>
                          </span>
                        )}
                        <PriorityBadge priority={task.priority} />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          </section>
        );
      })}
    </div>
  );
}
