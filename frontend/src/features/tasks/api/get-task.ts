import { queryOptions, useQuery } from '@tanstack/react-query';
import { Task } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export function getTask(taskId: string, signal?: AbortSignal): Promise<Task> {
  return apiRequest(`/api/tasks/${encodeURIComponent(taskId)}`, { signal, schema: Task });
}

/**
 * One task as the drawer shows it. Under ['tasks'] but not ['tasks', 'project'], so a change saved
 * from the board marks it stale while the board's own lists are patched in place.
 */
export const taskQueryKey = (taskId: string) => ['tasks', 'detail', taskId] as const;

export function taskQueryOptions(taskId: string) {
  return queryOptions({ queryKey: taskQueryKey(taskId), queryFn: ({ signal }) => getTask(taskId, signal) });
}

export function useTask(taskId: string) {
  return useQuery(taskQueryOptions(taskId));
}
