import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Task, type CreateTaskBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { projectTasksQueryKey } from './get-tasks';

export function createTask(projectId: string, body: CreateTaskBody): Promise<Task> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}/tasks`, { method: 'POST', body, schema: Task });
}

export function useCreateTask(projectId: string, { mutationConfig }: MutationHookOptions<Task, CreateTaskBody> = {}) {
  const queryClient = useQueryClient();
  const queryKey = projectTasksQueryKey(projectId);
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (body: CreateTaskBody) => createTask(projectId, body),
        onSuccess: (task) => {
          queryClient.setQueryData<Task[]>(queryKey, (old) =>
            old && !old.some((t) => t.id === task.id) ? [...old, task] : old,
          );
        },
        onSettled: () => queryClient.invalidateQueries({ queryKey }),
      },
      mutationConfig,
    ),
  );
}
