import type { ProjectRole } from '@taskflow/contracts/api';
import { AppError, ErrorCode, notFound } from '@taskflow/service-kit/errors';
import type { Executor } from '../data/database';
import { findMemberRole, findProjectFor, type ProjectView } from '../data/project.repository';
import { findTaskFor, type TaskRow } from '../data/task.repository';

/** The project as the caller sees it; 404 when it does not exist or they are not a member, so ids do not leak. */
export async function requireProject(db: Executor, projectId: string, userId: string): Promise<ProjectView> {
  const project = await findProjectFor(db, projectId, userId);
  if (!project) throw notFound('Project');
  return project;
}

/** A member without one of `roles` may see the project but not do this: 403. */
export function requireRole(member: { role: ProjectRole }, roles: readonly ProjectRole[], action: string): void {
  if (!roles.includes(member.role)) {
    throw new AppError(ErrorCode.forbidden, `Only a project ${roles.join(' or ')} may ${action}`);
  }
}

/** The caller's role in the project (a primary-key lookup); 404 when they are not a member. */
export async function requireMember(
  db: Executor,
  projectId: string,
  userId: string,
  what = 'Project',
): Promise<ProjectRole> {
  const role = await findMemberRole(db, projectId, userId);
  if (!role) throw notFound(what);
  return role;
}

/**
 * The task, if the caller is a member of its project; 404 otherwise. `keyShare`: its row stays
 * locked against deletion until the transaction ends (for writes of rows that point at it).
 */
export async function requireTask(
  db: Executor,
  userId: string,
  taskId: string,
  opts: { keyShare?: boolean } = {},
): Promise<TaskRow> {
  const found = await findTaskFor(db, taskId, userId, opts);
  if (!found?.callerRole) throw notFound('Task');
  return found.task;
}
