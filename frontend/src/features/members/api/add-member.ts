import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Member, type AddMemberBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { membersQueryKey } from './get-members';

export function addMember(projectId: string, body: AddMemberBody): Promise<Member> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}/members`, { method: 'POST', body, schema: Member });
}

export function useAddMember(projectId: string, { mutationConfig }: MutationHookOptions<Member, AddMemberBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (body: AddMemberBody) => addMember(projectId, body),
        onSuccess: (member) => {
          queryClient.setQueryData<{ items: Member[] }>(membersQueryKey(projectId), (old) =>
            old && !old.items.some((m) => m.userId === member.userId) ? { items: [...old.items, member] } : old,
          );
        },
        onSettled: () =>
          Promise.all([
            queryClient.invalidateQueries({ queryKey: membersQueryKey(projectId) }),
            // memberCount on the project cards and header changes too.
            queryClient.invalidateQueries({ queryKey: ['projects', 'list'] }),
            queryClient.invalidateQueries({ queryKey: ['projects', 'detail', projectId] }),
          ]),
      },
      mutationConfig,
    ),
  );
}
