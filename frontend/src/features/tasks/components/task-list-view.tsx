import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { TaskPriority, type Task } from '@taskflow/contracts/api';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { formatDate, isOverdue } from '@/lib/format';
import type { ListSort, ListSortKey } from '../hooks/use-board-params';
import { STATUSES } from '../task-meta';
import { PriorityBadge } from './priority-badge';
import { useTaskLink } from './task-card';

/** Rows shown at first and added by "Show more": a table of 2 000 rows would be slow to lay out. */
const PAGE_ROWS = 200;

const STATUS_LABEL = new Map(STATUSES.map(({ value, label }) => [value, label]));
const STATUS_RANK = new Map(STATUSES.map(({ value }, index) => [value, index]));
const PRIORITY_RANK = new Map(TaskPriority.options.map((value, index) => [value, index]));
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Ascending order per column; empty values (no assignee, no due date) last either way. */
const compareBy: Record<ListSortKey, (a: Task, b: Task) => number> = {
  title: (a, b) => collator.compare(a.title, b.title),
  status: (a, b) => (STATUS_RANK.get(a.status) ?? 0) - (STATUS_RANK.get(b.status) ?? 0),
  priority: (a, b) => (PRIORITY_RANK.get(a.priority) ?? 0) - (PRIORITY_RANK.get(b.priority) ?? 0),
  assignee: (a, b) => collator.compare(a.assignee?.name ?? '', b.assignee?.name ?? ''),
  due: (a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''),
};
const isEmpty: Partial<Record<ListSortKey, (t: Task) => boolean>> = {
  assignee: (t) => t.assignee === null,
  due: (t) => t.dueAt === null,
};

/** The tasks in `sort`'s order; the board's order (column, then position) when there is none. */
function sortTasks(tasks: Task[], sort: ListSort): Task[] {
  if (!sort) return tasks;
  const compare = compareBy[sort.key];
  const empty = isEmpty[sort.key] ?? (() => false);
  const direction = sort.descending ? -1 : 1;
  // Array#sort is stable: equal rows keep the board's order.
  return [...tasks].sort((a, b) => Number(empty(a)) - Number(empty(b)) || direction * compare(a, b));
}

const COLUMNS: Array<{ key: ListSortKey; label: string }> = [
  { key: 'title', label: 'Title' },
  { key: 'status', label: 'Status' },
  { key: 'priority', label: 'Priority' },
  { key: 'assignee', label: 'Assignee' },
  { key: 'due', label: 'Due' },
];

function TitleCell({ task }: { task: Task }) {
  return (
    <Link
      to={useTaskLink(task)}
      className="font-medium hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      {task.title}
    </Link>
  );
}

/** The board as a table, sortable by each column (the sort is kept in the address bar). */
export function TaskListView({
  tasks,
  sort,
  onSort,
}: {
  tasks: Task[];
  sort: ListSort;
  onSort: (sort: ListSort) => void;
}) {
  const [shown, setShown] = useState(PAGE_ROWS);
  const rows = useMemo(() => sortTasks(tasks, sort), [tasks, sort]);

  const nextSort = (key: ListSortKey): ListSort => {
    if (sort?.key !== key) return { key, descending: false };
    return sort.descending ? null : { key, descending: true };
  };

  return (
    <div className="overflow-x-auto rounded-xl border border-gray-200 dark:border-gray-800">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">Tasks, {sort ? `sorted by ${sort.key}` : 'in board order'}</caption>
        <thead className="bg-gray-50 text-xs text-gray-600 uppercase dark:bg-gray-900 dark:text-gray-400">
          <tr>
            {COLUMNS.map(({ key, label }) => {
              const active = sort?.key === key;
              return (
                <th
                  key={key}
                  scope="col"
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  className="px-3 py-2 font-semibold"
                >
                  <button
                    type="button"
                    onClick={() => onSort(nextSort(key))}
                    className="inline-flex items-center gap-1 rounded-sm uppercase hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-gray-100"
                  >
                    {label}
                    <span aria-hidden>{active ? (sort.descending ? '▼' : '▲') : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200 dark:divide-gray-800">
          {rows.slice(0, shown).map((task) => {
            const overdue = isOverdue(task.dueAt, task.status === 'done');
            return (
              <tr key={task.id} data-task-id={task.id} className="bg-white dark:bg-gray-950">
                <td className="px-3 py-2">
                  <TitleCell task={task} />
                </td>
                <td className="px-3 py-2">{STATUS_LABEL.get(task.status)}</td>
                <td className="px-3 py-2">
                  <PriorityBadge priority={task.priority} />
                </td>
                <td className="px-3 py-2">{task.assignee?.name ?? 'Unassigned'}</td>
                <td className={cn('px-3 py-2', overdue && 'font-medium text-red-700 dark:text-red-400')}>
                  {task.dueAt ? <time dateTime={task.dueAt}>{formatDate(task.dueAt)}</time> : '—'}
                  {overdue && <span className="sr-only"> (overdue)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown && (
        <div className="flex items-center justify-between gap-2 border-t border-gray-200 p-2 text-sm dark:border-gray-800">
          <span className="text-gray-600 dark:text-gray-400">
            Showing {shown} of {rows.length}
          </span>
          <Button variant="secondary" size="sm" onClick={() => setShown((n) => n + PAGE_ROWS)}>
            Show more
          </Button>
        </div>
      )}
    </div>
  );
}
