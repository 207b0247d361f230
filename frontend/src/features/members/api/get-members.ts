import { queryOptions, useQuery } from '@tanstack/react-query';
import { Member } from '@taskflow/contracts/api';
import { apiRequest, itemsOf } from '@/lib/api-client';

const MemberList = itemsOf(Member);

export function getMembers(projectId: string): Promise<{ items: Member[] }> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}/members`, { schema: MemberList });
}

export const membersQueryKey = (projectId: string) => ['projects', 'members', projectId] as const;

export function membersQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: membersQueryKey(projectId),
    queryFn: () => getMembers(projectId),
    select: (data) => data.items,
  });
}

export function useMembers(projectId: string) {
  return useQuery(membersQueryOptions(projectId));
}
