import { queryOptions, useQuery } from '@tanstack/react-query';
import { listOf, Task } from '@taskflow/contracts/api';
import type { z } from 'zod';
import { apiRequest } from '@/lib/api-client';

const TaskPage = listOf(Task);
type TaskPage = z.infer<typeof TaskPage>;

const PAGE_SIZE = 100;

/** Every task of a project, in board order: the board needs all pages at once. */
export async function getProjectTasks(projectId: string, signal?: AbortSignal): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  do {
    const page: TaskPage = await apiRequest(`/api/projects/${encodeURIComponent(projectId)}/tasks`, {
      query: { limit: PAGE_SIZE, cursor },
      signal,
      schema: TaskPage,
    });
    tasks.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tasks;
}

export const projectTasksQueryKey = (projectId: string) => ['tasks', 'project', projectId] as const;

export function projectTasksQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: projectTasksQueryKey(projectId),
    queryFn: ({ signal }) => getProjectTasks(projectId, signal),
  });
}

export function useProjectTasks(projectId: string) {
  return useQuery(projectTasksQueryOptions(projectId));
}
