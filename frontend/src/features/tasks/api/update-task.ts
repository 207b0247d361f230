import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Task, type UpdateTaskBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { holdTaskForChange, markOtherTaskViewsStale, putTask, refreshTask } from './task-cache';

export function updateTask(taskId: string, version: number, changes: UpdateTaskBody): Promise<Task> {
  return apiRequest(`/api/tasks/${encodeURIComponent(taskId)}`, {
    method: 'PATCH',
    body: changes,
    headers: { 'If-Match': String(version) },
    schema: Task,
  });
}

export type UpdateTaskVariables = {
  task: Task;
  changes: UpdateTaskBody;
  /** Fields the server derives (e.g. the assignee's name) to show before it answers. */
  preview?: Partial<Task>;
};

function applyPreview(task: Task, { changes, preview }: UpdateTaskVariables): Task {
  // A move's target ({beforeId, afterId}) is not a position value; the server computes that.
  const fields: Partial<Task> = { ...(changes as Partial<Task>) };
  delete fields.position;
  return { ...task, ...fields, ...preview };
}

/**
 * Optimistic: the board shows the change at once and rolls back if the server refuses it; a refusal
 * that means the task is not as the board shows it (stale version, gone, not allowed) then shows the
 * server's version of that one task. What to tell the user is the caller's (mutationConfig.onError),
 * which runs after that. Only the changed task is touched in the cache: no list is fetched again.
 */
export function useUpdateTask(
  projectId: string,
  { mutationConfig }: MutationHookOptions<Task, UpdateTaskVariables> = {},
) {
  const queryClient = useQueryClient();

  return useMutation(
    withMutationConfig(
      {
        mutationFn: ({ task, changes }: UpdateTaskVariables) => updateTask(task.id, task.version, changes),
        onMutate: async (variables) => {
          const held = await holdTaskForChange(queryClient, projectId, variables.task.id);
          putTask(queryClient, applyPreview(held.before ?? variables.task, variables));
          return held.rollBack;
        },
        onSuccess: (saved) => putTask(queryClient, saved),
        onError: async (error, { task }, rollBack) => {
          rollBack?.();
          if (isApiError(error) && error.status >= 400 && error.status < 500)
            await refreshTask(queryClient, projectId, task.id);
        },
        onSettled: () => markOtherTaskViewsStale(queryClient),
      },
      mutationConfig,
    ),
  );
}
