import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Project, type CreateProjectBody } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { projectQueryKey } from './get-project';
import { projectsQueryKey } from './get-projects';

export function createProject(body: CreateProjectBody): Promise<Project> {
  return apiRequest('/api/projects', { method: 'POST', body, schema: Project });
}

export function useCreateProject({ mutationConfig }: MutationHookOptions<Project, CreateProjectBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: createProject,
        onSuccess: (project) => {
          queryClient.setQueryData(projectQueryKey(project.id), project);
          queryClient.setQueryData<{ items: Project[] }>(projectsQueryKey, (old) =>
            old ? { items: [...old.items, project] } : old,
          );
          void queryClient.invalidateQueries({ queryKey: projectsQueryKey });
        },
      },
      mutationConfig,
    ),
  );
}
