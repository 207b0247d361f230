import { queryOptions, useQuery } from '@tanstack/react-query';
import { TaskStatus, type Task } from '@taskflow/contracts/api';
import { getAllTaskPages } from './all-task-pages';

/** My tasks leaves done tasks out: it is a list of what is still to do. */
const OPEN_STATUSES = TaskStatus.options.filter((status) => status !== 'done').join(',');

/** Every open task assigned to the caller, across their projects, soonest due first (undated last). */
export function getMyTasks(signal?: AbortSignal): Promise<Task[]> {
  return getAllTaskPages('/api/tasks', { assignee: 'me', status: OPEN_STATUSES }, signal);
}

/** Under ['tasks'], so whatever refreshes tasks after a change (the drawer, the board) refreshes this too. */
export const myTasksQueryKey = ['tasks', 'mine'] as const;

export function myTasksQueryOptions() {
  return queryOptions({ queryKey: myTasksQueryKey, queryFn: ({ signal }) => getMyTasks(signal) });
}

export function useMyTasks() {
  return useQuery(myTasksQueryOptions());
}
