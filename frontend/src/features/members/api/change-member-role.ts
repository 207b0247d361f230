import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Member, type AssignableRole } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { membersQueryKey } from './get-members';

type Variables = { userId: string; role: AssignableRole };

export function changeMemberRole(projectId: string, { userId, role }: Variables): Promise<Member> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    body: { role },
    schema: Member,
  });
}

export function useChangeMemberRole(
  projectId: string,
  { mutationConfig }: MutationHookOptions<Member, Variables> = {},
) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (variables: Variables) => changeMemberRole(projectId, variables),
        onSuccess: (member) => {
          queryClient.setQueryData<{ items: Member[] }>(membersQueryKey(projectId), (old) =>
            old ? { items: old.items.map((m) => (m.userId === member.userId ? member : m)) } : old,
          );
        },
        // A refusal (403: my own role changed meanwhile; 404: they already left) means the list is stale.
        onError: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(projectId) }),
      },
      mutationConfig,
    ),
  );
}
