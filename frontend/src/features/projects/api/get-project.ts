import { queryOptions, useQuery } from '@tanstack/react-query';
import { Project } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export function getProject(projectId: string): Promise<Project> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}`, { schema: Project });
}

export const projectQueryKey = (projectId: string) => ['projects', 'detail', projectId] as const;

export function projectQueryOptions(projectId: string) {
  return queryOptions({ queryKey: projectQueryKey(projectId), queryFn: () => getProject(projectId) });
}

export function useProject(projectId: string) {
  return useQuery(projectQueryOptions(projectId));
}
