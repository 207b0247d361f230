import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Member } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { membersQueryKey } from './get-members';

/** Removes a member, or — with one's own id — leaves the project. */
export function removeMember(projectId: string, userId: string): Promise<void> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`, {
    method: 'DELETE',
  });
}

export function useRemoveMember(projectId: string, { mutationConfig }: MutationHookOptions<void, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (userId: string) => removeMember(projectId, userId),
        onSuccess: (_, userId) => {
          queryClient.setQueryData<{ items: Member[] }>(membersQueryKey(projectId), (old) =>
            old ? { items: old.items.filter((m) => m.userId !== userId) } : old,
          );
        },
        onSettled: () =>
          Promise.all([
            queryClient.invalidateQueries({ queryKey: membersQueryKey(projectId) }),
            // memberCount on the project cards and header, and the removed person's tasks (unassigned).
            queryClient.invalidateQueries({ queryKey: ['projects', 'list'] }),
            queryClient.invalidateQueries({ queryKey: ['projects', 'detail', projectId] }),
            queryClient.invalidateQueries({ queryKey: ['tasks'] }),
          ]),
      },
      mutationConfig,
    ),
  );
}
