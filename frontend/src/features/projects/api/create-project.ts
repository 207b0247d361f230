import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateProjectBody, Project } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { projectQueryKey } from './get-project';
import { projectsQueryKey } from './get-projects';

export function createProject(body: CreateProjectBody): Promise<Project> {
  return apiRequest<Project>('/api/projects', { method: 'POST', body });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      queryClient.setQueryData(projectQueryKey(project.id), project);
      queryClient.setQueryData<{ items: Project[] }>(projectsQueryKey, (old) =>
        old ? { items: [...old.items, project] } : old,
      );
      void queryClient.invalidateQueries({ queryKey: projectsQueryKey });
    },
  });
}
