import { useEffect } from 'react';
import { useMatch, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { projectTasksQueryOptions } from '../api/get-tasks';
import { readFilters, toTaskQuery } from '../board-filters';

/**
 * Starts fetching the board's tasks (with the filters in the address) as soon as a project page
 * opens on its board, beside the project itself, instead of after it: the board's own query then
 * finds the answer on its way. Does nothing on the project's other pages.
 */
export function usePrefetchBoard(projectId: string): void {
  const onBoard = useMatch('/projects/:projectId') !== null;
  const onTask = useMatch('/projects/:projectId/tasks/:taskId') !== null;
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const wanted = onBoard || onTask;
  const search = params.toString();

  useEffect(() => {
    if (!wanted || !projectId) return;
    const query = toTaskQuery(readFilters(new URLSearchParams(search)));
    void queryClient.prefetchQuery(projectTasksQueryOptions(projectId, query));
  }, [wanted, projectId, search, queryClient]);
}
