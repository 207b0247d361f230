import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Project } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export function getProjects(): Promise<{ items: Project[] }> {
  return apiRequest<{ items: Project[] }>('/api/projects');
}

export const projectsQueryKey = ['projects', 'list'] as const;

export function projectsQueryOptions() {
  return queryOptions({ queryKey: projectsQueryKey, queryFn: getProjects, select: (data) => data.items });
}

export function useProjects() {
  return useQuery(projectsQueryOptions());
}
