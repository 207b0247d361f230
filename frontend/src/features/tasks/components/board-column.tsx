import { useId } from 'react';
import type { Member, Task, TaskStatus } from '@taskflow/contracts/api';
import { cn } from '@/components/ui/cn';
import { TaskCard, type TaskCardActions } from './task-card';

const accents: Record<TaskStatus, string> = {
  todo: 'bg-gray-400',
  in_progress: 'bg-indigo-500',
  done: 'bg-emerald-500',
};

type Props = TaskCardActions & { status: TaskStatus; label: string; tasks: Task[]; members: Member[] };

export function BoardColumn({ status, label, tasks, members, ...actions }: Props) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      data-status={status}
      className="flex min-w-0 flex-col rounded-xl bg-gray-100/80 p-2 dark:bg-gray-900/60"
    >
      <header className="flex items-center gap-2 px-2 py-1.5">
        <span aria-hidden className={cn('size-2 rounded-full', accents[status])} />
        <h2 id={headingId} className="text-sm font-semibold text-gray-800 dark:text-gray-200">
          {label}
        </h2>
        <span className="ml-auto rounded-full bg-white px-2 text-xs text-gray-600 tabular-nums dark:bg-gray-800 dark:text-gray-300">
          <span className="sr-only">Tasks: </span>
          {tasks.length}
        </span>
      </header>
      {tasks.length === 0 ? (
        <p className="px-2 py-6 text-center text-sm text-gray-600 dark:text-gray-400">No tasks</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {tasks.map((task) => (
            <li key={task.id}>
              <TaskCard task={task} members={members} {...actions} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
