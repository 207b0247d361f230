import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Project } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { projectQueryKey } from './get-project';
import { projectsQueryKey } from './get-projects';

export type UpdateProjectBody = { name?: string; description?: string };

export function updateProject(projectId: string, body: UpdateProjectBody): Promise<Project> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}`, { method: 'PATCH', body, schema: Project });
}

export function useUpdateProject(
  projectId: string,
  { mutationConfig }: MutationHookOptions<Project, UpdateProjectBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: (body: UpdateProjectBody) => updateProject(projectId, body),
        onSuccess: (project) => {
          queryClient.setQueryData(projectQueryKey(projectId), project);
          return queryClient.invalidateQueries({ queryKey: projectsQueryKey });
        },
      },
      mutationConfig,
    ),
  );
}
