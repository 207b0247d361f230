import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTaskBody, Task } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { projectTasksQueryKey } from './get-tasks';

export function createTask(projectId: string, body: CreateTaskBody): Promise<Task> {
  return apiRequest<Task>(`/api/projects/${encodeURIComponent(projectId)}/tasks`, { method: 'POST', body });
}

export function useCreateTask(projectId: string) {
  const queryClient = useQueryClient();
  const queryKey = projectTasksQueryKey(projectId);
  return useMutation({
    mutationFn: (body: CreateTaskBody) => createTask(projectId, body),
    onSuccess: (task) => {
      queryClient.setQueryData<Task[]>(queryKey, (old) =>
        old && !old.some((t) => t.id === task.id) ? [...old, task] : old,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}
