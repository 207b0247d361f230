import type { DirectoryRepository } from '../data/directory.repository';

/** Who may watch a project's live changes: its members, as the membership projection knows them. */
export function createProjectAccessService(directory: DirectoryRepository) {
  return {
    canWatchProject(userId: string, projectId: string): Promise<boolean> {
      return directory.isMember(projectId.toLowerCase(), userId);
    },
  };
}

export type ProjectAccessService = ReturnType<typeof createProjectAccessService>;
