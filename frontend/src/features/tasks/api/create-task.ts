import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Task, type CreateTaskBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { markOtherTaskViewsStale, putTask } from './task-cache';

export function createTask(projectId: string, body: CreateTaskBody): Promise<Task> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}/tasks`, { method: 'POST', body, schema: Task });
}

export function useCreateTask(projectId: string, { mutationConfig }: MutationHookOptions<Task, CreateTaskBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (body: CreateTaskBody) => createTask(projectId, body),
        // Into every cached list of the project whose filters it matches; nothing is fetched again.
        onSuccess: (task) => putTask(queryClient, task),
        onSettled: () => markOtherTaskViewsStale(queryClient),
      },
      mutationConfig,
    ),
  );
}
