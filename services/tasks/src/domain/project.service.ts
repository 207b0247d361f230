import { MANAGER_ROLES, ProjectRole, type Project } from '@taskflow/contracts/api';
import { AppError, ErrorCode } from '@taskflow/service-kit/errors';
import type { Executor, WithTransaction } from '../data/database';
import * as repo from '../data/project.repository';
import { computeChanges } from './task.rules';
import { requireProject, requireRole } from './access';
import { toProject, toProjectSnapshot } from './views';

export interface ProjectsDeps {
  db: Executor;
  withTransaction: WithTransaction;
}

export type ProjectsService = ReturnType<typeof createProjectsService>;

export function createProjectsService({ db, withTransaction }: ProjectsDeps) {
  return {
    async listProjects(userId: string): Promise<Project[]> {
      return (await repo.listProjectsOf(db, userId)).map(toProject);
    },

    async getProject(userId: string, projectId: string): Promise<Project> {
      return toProject(await requireProject(db, projectId, userId));
    },

    createProject(userId: string, input: { name: string; description?: string }): Promise<Project> {
      return withTransaction(async ({ db: tx, emit }) => {
        const project = await repo.insertProject(tx, {
          name: input.name,
          description: input.description ?? '',
          ownerId: userId,
        });
        await repo.insertMember(tx, project.id, userId, ProjectRole.enum.owner);
        emit('project.created', { project: toProjectSnapshot(project) }, userId);
        return toProject({ ...project, role: ProjectRole.enum.owner, memberCount: 1 });
      });
    },

    updateProject(userId: string, projectId: string, patch: { name?: string; description?: string }): Promise<Project> {
      return withTransaction(async ({ db: tx, emit }) => {
        const current = await requireProject(tx, projectId, userId);
        requireRole(current, MANAGER_ROLES, 'edit the project');
        const changes = computeChanges(current, patch);
        if (Object.keys(changes).length === 0) return toProject(current);
        const updated = await repo.updateProject(tx, projectId, patch);
        emit('project.updated', { project: toProjectSnapshot(updated), changes }, userId);
        return toProject({ ...current, ...updated });
      });
    },

    deleteProject(userId: string, projectId: string): Promise<void> {
      return withTransaction(async ({ db: tx, emit }) => {
        const current = await requireProject(tx, projectId, userId);
        requireRole(current, [ProjectRole.enum.owner], 'delete the project');
        if (current.personal) {
          throw new AppError(ErrorCode.personalProjectProtected, 'The personal project cannot be deleted');
        }
        await repo.deleteProject(tx, projectId);
        emit('project.deleted', { project: toProjectSnapshot(current) }, userId);
      });
    },
  };
}
