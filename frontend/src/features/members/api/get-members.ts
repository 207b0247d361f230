import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Member } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export function getMembers(projectId: string): Promise<{ items: Member[] }> {
  return apiRequest<{ items: Member[] }>(`/api/projects/${encodeURIComponent(projectId)}/members`);
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
