import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Task, type UpdateTaskBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { updateQueryOptimistically } from '@/lib/optimistic-update';
import { projectTasksQueryKey } from './get-tasks';

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
 * Optimistic: the board shows the change at once and rolls back if the server refuses it. What to
 * tell the user about a refusal is the caller's (mutationConfig.onError), which runs after the rollback.
 */
export function useUpdateTask(
  projectId: string,
  { mutationConfig }: MutationHookOptions<Task, UpdateTaskVariables> = {},
) {
  const queryClient = useQueryClient();
  const queryKey = projectTasksQueryKey(projectId);

  return useMutation(
    withMutationConfig(
      {
        mutationFn: ({ task, changes }: UpdateTaskVariables) => updateTask(task.id, task.version, changes),
        onMutate: (variables) =>
          updateQueryOptimistically<Task[]>(queryClient, queryKey, (old) =>
            old?.map((t) => (t.id === variables.task.id ? applyPreview(t, variables) : t)),
          ),
        onSuccess: (saved) => {
          queryClient.setQueryData<Task[]>(queryKey, (old) => old?.map((t) => (t.id === saved.id ? saved : t)));
        },
        onError: (_error, _variables, restore) => restore?.(),
        onSettled: () => queryClient.invalidateQueries({ queryKey }),
      },
      mutationConfig,
    ),
  );
}
