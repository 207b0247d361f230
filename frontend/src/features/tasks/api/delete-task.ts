import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Task } from '@taskflow/contracts/api';
import { useToast } from '@/components/ui/toaster';
import { apiRequest } from '@/lib/api-client';
import { errorMessage, isApiError } from '@/lib/api-error';
import { projectTasksQueryKey } from './get-tasks';

export function deleteTask(taskId: string): Promise<void> {
  return apiRequest<void>(`/api/tasks/${encodeURIComponent(taskId)}`, { method: 'DELETE' });
}

export function useDeleteTask(projectId: string) {
  const queryClient = useQueryClient();
  const showToast = useToast();
  const queryKey = projectTasksQueryKey(projectId);

  return useMutation({
    mutationFn: (task: Task) => deleteTask(task.id),
    onMutate: async (task) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<Task[]>(queryKey);
      queryClient.setQueryData<Task[]>(queryKey, (old) => old?.filter((t) => t.id !== task.id));
      return { previous };
    },
    onError: (error, task, context) => {
      // Already gone is what the user wanted.
      if (isApiError(error) && error.status === 404) return;
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      showToast({ tone: 'error', title: `Could not delete “${task.title}”`, body: errorMessage(error) });
    },
    onSuccess: (_data, task) => showToast({ tone: 'success', title: `Deleted “${task.title}”` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}
