import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Comment } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { refetchTaskTimeline } from './task-pages';

export function addComment(taskId: string, body: string): Promise<Comment> {
  return apiRequest(`/api/tasks/${encodeURIComponent(taskId)}/comments`, {
    method: 'POST',
    body: { body },
    schema: Comment,
  });
}

/** Not optimistic: a comment appears once the server has it (and has resolved its mentions). */
export function useAddComment(taskId: string, { mutationConfig }: MutationHookOptions<Comment, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (body: string) => addComment(taskId, body),
        onSettled: () => refetchTaskTimeline(queryClient, taskId),
      },
      mutationConfig,
    ),
  );
}
