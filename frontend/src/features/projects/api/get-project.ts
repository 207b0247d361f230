import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Project } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export function getProject(projectId: string): Promise<Project> {
  return apiRequest<Project>(`/api/projects/${encodeURIComponent(projectId)}`);
}

export const projectQueryKey = (projectId: string) => ['projects', 'detail', projectId] as const;

export function projectQueryOptions(projectId: string) {
  return queryOptions({ queryKey: projectQueryKey(projectId), queryFn: () => getProject(projectId) });
}

export function useProject(projectId: string) {
  return useQuery(projectQueryOptions(projectId));
}
