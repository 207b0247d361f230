import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Comment } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { refetchTaskTimeline } from './task-pages';

export async function deleteComment(commentId: string): Promise<void> {
  try {
    await apiRequest(`/api/comments/${encodeURIComponent(commentId)}`, { method: 'DELETE' });
  } catch (error) {
    // Already gone (someone else deleted it first) is what the user wanted.
    if (!(isApiError(error) && error.status === 404)) throw error;
  }
}

export function useDeleteComment(taskId: string, { mutationConfig }: MutationHookOptions<void, Comment> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (comment: Comment) => deleteComment(comment.id),
        onSettled: () => refetchTaskTimeline(queryClient, taskId),
      },
      mutationConfig,
    ),
  );
}
