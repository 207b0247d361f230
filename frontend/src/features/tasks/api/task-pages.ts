import { infiniteQueryOptions, type QueryClient } from '@tanstack/react-query';
import { listOf } from '@taskflow/contracts/api';
import type { z } from 'zod';
import { apiRequest } from '@/lib/api-client';

type TaskPagesKind = 'comments' | 'activity';

export const taskPagesQueryKey = (kind: TaskPagesKind, taskId: string) => ['tasks', kind, taskId] as const;

/** A paginated list under a task (its comments, its activity), a page at a time, in the server's order. */
export function taskPagesQueryOptions<T extends z.ZodType>(kind: TaskPagesKind, taskId: string, item: T) {
  const Page = listOf(item);
  return infiniteQueryOptions({
    queryKey: taskPagesQueryKey(kind, taskId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(`/api/tasks/${encodeURIComponent(taskId)}/${kind}`, {
        query: { cursor: pageParam },
        signal,
        schema: Page,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A comment written or deleted changes both lists: the comments and the activity. */
export function refetchTaskTimeline(queryClient: QueryClient, taskId: string): Promise<unknown> {
  return Promise.all(
    (['comments', 'activity'] as const).map((kind) =>
      queryClient.invalidateQueries({ queryKey: taskPagesQueryKey(kind, taskId) }),
    ),
  );
}
