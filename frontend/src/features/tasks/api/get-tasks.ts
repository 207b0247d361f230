import { queryOptions, replaceEqualDeep, useQuery } from '@tanstack/react-query';
import type { Task, TaskStatus } from '@taskflow/contracts/api';
import type { TaskQuery } from '../board-filters';
import { STATUSES } from '../task-meta';
import { getAllTaskPages } from './all-task-pages';

/** One column of a board, every page of it, in column order. */
const getColumn = (projectId: string, status: TaskStatus, query: TaskQuery, signal?: AbortSignal) =>
  getAllTaskPages(`/api/projects/${encodeURIComponent(projectId)}/tasks`, { ...query, status }, signal);

/**
 * The tasks of a project that match `query` (filtered by the server), in board order. The columns
 * are fetched side by side, so a 2 000-task board takes a third of the round trips of one long list.
 */
export async function getProjectTasks(projectId: string, query: TaskQuery = {}, signal?: AbortSignal): Promise<Task[]> {
  const columns = await Promise.all(STATUSES.map(({ value }) => getColumn(projectId, value, query, signal)));
  return columns.flat();
}

/**
 * A new list keeps the objects of the tasks that did not change, so their cards do not render again.
 * React Query's own sharing compares two lists index by index: one card moved from the top of a column
 * to another shifts every task in between, and each of those was compared field by field with its
 * neighbour. Matched by id instead, an unchanged task costs one lookup.
 */
export function shareUnchangedTasks(previous: Task[] | undefined, next: Task[]): Task[] {
  if (!previous) return next;
  const before = new Map(previous.map((task) => [task.id, task]));
  let unchanged = previous.length === next.length;
  const shared = next.map((task, index) => {
    const old = before.get(task.id);
    const kept = old === undefined || old === task ? task : replaceEqualDeep(old, task);
    if (kept !== previous[index]) unchanged = false;
    return kept;
  });
  return unchanged ? previous : shared;
}

/** Every cached list of a project's tasks (one per filter set) starts with this key. */
export const projectTasksQueryKey = (projectId: string) => ['tasks', 'project', projectId] as const;

export const boardTasksQueryKey = (projectId: string, query: TaskQuery = {}) =>
  [...projectTasksQueryKey(projectId), query] as const;

export function projectTasksQueryOptions(projectId: string, query: TaskQuery = {}) {
  return queryOptions({
    queryKey: boardTasksQueryKey(projectId, query),
    queryFn: ({ signal }) => getProjectTasks(projectId, query, signal),
    structuralSharing: (previous, next) => shareUnchangedTasks(previous as Task[] | undefined, next as Task[]),
    // A filter change shows the project's last board until the new one arrives, instead of a spinner.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === projectId ? previous : undefined),
  });
}

export function useProjectTasks(projectId: string, query: TaskQuery = {}) {
  return useQuery(projectTasksQueryOptions(projectId, query));
}
