import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Task, UpdateTaskBody } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { isApiError } from '@/lib/api-error';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { updateQueryOptimistically } from '@/lib/optimistic-update';
import { ifMatchVersion } from '../task-fields';
import { getTask, taskQueryKey } from './get-task';
import { putTask } from './task-cache';
import { updateTask } from './update-task';

export type SaveTaskVariables = {
  changes: UpdateTaskBody;
  /** The task as the person saw it when they made this change (see ifMatchVersion). */
  base: Task;
  /** Fields the server derives (the assignee's name) to show before it answers. */
  preview?: Partial<Task>;
};

/** The server refused a change because the task changed meanwhile (412); `latest` is how it is now. */
export class TaskConflictError extends Error {
  readonly latest: Task;
  readonly attempt: SaveTaskVariables;

  constructor(latest: Task, attempt: SaveTaskVariables) {
    super('The task was changed by someone else meanwhile');
    this.name = 'TaskConflictError';
    this.latest = latest;
    this.attempt = attempt;
  }
}

/**
 * The drawer's saves of one task. Each is a PATCH with If-Match; they go one after the other (a
 * second change waits for the first, then goes on top of the version it produced), and each shows
 * at once in the drawer. A 412 rejects with TaskConflictError carrying the task as it now is, which
 * the drawer then shows; any other refusal puts the drawer back as it was.
 */
export function useSaveTask(taskId: string, { mutationConfig }: MutationHookOptions<Task, SaveTaskVariables> = {}) {
  const queryClient = useQueryClient();
  const queryKey = taskQueryKey(taskId);

  return useMutation(
    withMutationConfig(
      {
        scope: { id: `save-task:${taskId}` },
        mutationFn: async (variables: SaveTaskVariables) => {
          const { base, changes } = variables;
          const version = ifMatchVersion(base, queryClient.getQueryData<Task>(queryKey), changes);
          try {
            return await updateTask(taskId, version, changes);
          } catch (error) {
            if (!isApiError(error, ErrorCode.versionConflict)) throw error;
            throw new TaskConflictError(await getTask(taskId), variables);
          }
        },
        onMutate: ({ changes, preview }) =>
          updateQueryOptimistically<Task>(queryClient, queryKey, (old) =>
            old ? { ...old, ...(changes as Partial<Task>), position: old.position, ...preview } : old,
          ),
        onSuccess: (saved) => {
          queryClient.setQueryData(queryKey, saved);
          putTask(queryClient, saved);
        },
        // My tasks and other lists of tasks are fetched again when next shown; this drawer and the
        // board's lists already hold the saved task.
        onSettled: () =>
          queryClient.invalidateQueries({
            queryKey: ['tasks'],
            predicate: ({ queryKey: key }) => key[1] !== 'project' && key[1] !== 'detail',
          }),
        onError: (error, _variables, restore) => {
          restore?.();
          if (error instanceof TaskConflictError) {
            queryClient.setQueryData(queryKey, error.latest);
            putTask(queryClient, error.latest);
          }
        },
      },
      mutationConfig,
    ),
  );
}
