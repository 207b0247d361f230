import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Task, UpdateTaskBody } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { useToast } from '@/components/ui/toaster';
import { apiRequest } from '@/lib/api-client';
import { errorMessage, isApiError } from '@/lib/api-error';
import { projectTasksQueryKey } from './get-tasks';

export function updateTask(taskId: string, version: number, changes: UpdateTaskBody): Promise<Task> {
  return apiRequest<Task>(`/api/tasks/${encodeURIComponent(taskId)}`, {
    method: 'PATCH',
    body: changes,
    headers: { 'If-Match': String(version) },
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

/** Optimistic: the board shows the change at once and rolls back if the server refuses it. */
export function useUpdateTask(projectId: string) {
  const queryClient = useQueryClient();
  const showToast = useToast();
  const queryKey = projectTasksQueryKey(projectId);

  return useMutation({
    mutationFn: ({ task, changes }: UpdateTaskVariables) => updateTask(task.id, task.version, changes),
    onMutate: async (variables) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<Task[]>(queryKey);
      queryClient.setQueryData<Task[]>(queryKey, (old) =>
        old?.map((t) => (t.id === variables.task.id ? applyPreview(t, variables) : t)),
      );
      return { previous };
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<Task[]>(queryKey, (old) => old?.map((t) => (t.id === saved.id ? saved : t)));
    },
    onError: (error, variables, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      if (isApiError(error, ErrorCode.versionConflict)) {
        showToast({
          tone: 'error',
          title: 'This task was changed by someone else',
          body: `“${variables.task.title}” now shows the latest version. Please make your change again.`,
        });
      } else {
        showToast({ tone: 'error', title: 'Could not update the task', body: errorMessage(error) });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}
