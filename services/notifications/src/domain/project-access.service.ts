import type { DirectoryRepository } from '../data/directory.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who may watch a project's live changes: its members, as the membership projection knows them. */
export function createProjectAccessService(directory: DirectoryRepository) {
  return {
    async canWatchProject(userId: string, projectId: unknown): Promise<boolean> {
      if (typeof projectId !== 'string' || !UUID.test(projectId)) return false;
      return directory.isMember(projectId.toLowerCase(), userId);
    },
  };
}

export type ProjectAccessService = ReturnType<typeof createProjectAccessService>;
