import { queryOptions, useQuery } from '@tanstack/react-query';
import { Project } from '@taskflow/contracts/api';
import { apiRequest, itemsOf } from '@/lib/api-client';

const ProjectList = itemsOf(Project);

export function getProjects(): Promise<{ items: Project[] }> {
  return apiRequest('/api/projects', { schema: ProjectList });
}

export const projectsQueryKey = ['projects', 'list'] as const;

export function projectsQueryOptions() {
  return queryOptions({ queryKey: projectsQueryKey, queryFn: getProjects, select: (data) => data.items });
}

export function useProjects() {
  return useQuery(projectsQueryOptions());
}
