import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Task } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { updateQueryOptimistically } from '@/lib/optimistic-update';
import { projectTasksQueryKey } from './get-tasks';

export async function deleteTask(taskId: string): Promise<void> {
  try {
    await apiRequest(`/api/tasks/${encodeURIComponent(taskId)}`, { method: 'DELETE' });
  } catch (error) {
    // Already gone is what the user wanted.
    if (!(isApiError(error) && error.status === 404)) throw error;
  }
}

/** Optimistic: the card leaves the board at once and comes back if the server refuses. */
export function useDeleteTask(projectId: string, { mutationConfig }: MutationHookOptions<void, Task> = {}) {
  const queryClient = useQueryClient();
  const queryKey = projectTasksQueryKey(projectId);

  return useMutation(
    withMutationConfig(
      {
        mutationFn: (task: Task) => deleteTask(task.id),
        onMutate: (task) =>
          updateQueryOptimistically<Task[]>(queryClient, queryKey, (old) => old?.filter((t) => t.id !== task.id)),
        onError: (_error, _task, restore) => restore?.(),
        onSettled: () => queryClient.invalidateQueries({ queryKey }),
      },
      mutationConfig,
    ),
  );
}
