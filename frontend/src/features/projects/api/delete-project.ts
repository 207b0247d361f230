import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Project } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { projectQueryKey } from './get-project';
import { projectsQueryKey } from './get-projects';

export function deleteProject(projectId: string): Promise<void> {
  return apiRequest(`/api/projects/${encodeURIComponent(projectId)}`, { method: 'DELETE' });
}

export function useDeleteProject(projectId: string, { mutationConfig }: MutationHookOptions<void, void> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: () => deleteProject(projectId),
        onSuccess: () => {
          queryClient.setQueryData<{ items: Project[] }>(projectsQueryKey, (old) =>
            old ? { items: old.items.filter((p) => p.id !== projectId) } : old,
          );
          queryClient.removeQueries({ queryKey: projectQueryKey(projectId) });
          // Its tasks are gone from every list that showed them (My tasks among them).
          return queryClient.invalidateQueries({ queryKey: ['tasks'] });
        },
      },
      mutationConfig,
    ),
  );
}
