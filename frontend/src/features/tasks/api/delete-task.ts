import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Task } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { dropTask, holdTaskForChange, markOtherTaskViewsStale } from './task-cache';

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

  return useMutation(
    withMutationConfig(
      {
        mutationFn: (task: Task) => deleteTask(task.id),
        onMutate: async (task) => {
          const held = await holdTaskForChange(queryClient, projectId, task.id);
          dropTask(queryClient, projectId, task.id);
          return held.rollBack;
        },
        onError: (_error, _task, rollBack) => rollBack?.(),
        onSettled: () => markOtherTaskViewsStale(queryClient),
      },
      mutationConfig,
    ),
  );
}
