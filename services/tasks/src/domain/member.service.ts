import { MANAGER_ROLES, ProjectRole, type AssignableRole, type Member } from '@taskflow/contracts/api';
import { AppError, ErrorCode, notFound } from '@taskflow/service-kit/errors';
import type { Executor, WithTransaction } from '../data/database';
import * as projects from '../data/project.repository';
import { unassignUserTasks } from '../data/task.repository';
import { findUserByEmail } from '../data/user.repository';
import { requireMember, requireProject, requireRole } from './access';
import { toMember, toTaskSnapshot } from './views';

export interface MembersDeps {
  db: Executor;
  withTransaction: WithTransaction;
}

export type MembersService = ReturnType<typeof createMembersService>;

export function createMembersService({ db, withTransaction }: MembersDeps) {
  const ownerImmutable = () => new AppError(ErrorCode.ownerImmutable, 'The project owner cannot be removed or demoted');

  return {
    async listMembers(userId: string, projectId: string): Promise<Member[]> {
      await requireMember(db, projectId, userId);
      return (await projects.listMembers(db, projectId)).map(toMember);
    },

    addMember(userId: string, projectId: string, input: { email: string; role: AssignableRole }): Promise<Member> {
      return withTransaction(async ({ db: tx, emit }) => {
        const project = await requireProject(tx, projectId, userId);
        requireRole(project, MANAGER_ROLES, 'add members');
        const user = await findUserByEmail(tx, input.email);
        if (!user) throw new AppError(ErrorCode.userNotFound, 'No user with this email address');
        const added = await projects.insertMember(tx, projectId, user.id, input.role);
        if (!added) throw new AppError(ErrorCode.alreadyMember, 'This user is already a member of the project');
        emit(
          'project.member_added',
          { projectId, projectName: project.name, userId: user.id, role: input.role },
          userId,
        );
        return toMember({ ...added, name: user.name, email: user.email });
      });
    },

    changeRole(userId: string, projectId: string, memberId: string, role: AssignableRole): Promise<Member> {
      return withTransaction(async ({ db: tx }) => {
        const project = await requireProject(tx, projectId, userId);
        requireRole(project, MANAGER_ROLES, 'change roles');
        const member = await projects.findMember(tx, projectId, memberId);
        if (!member) throw notFound('Member');
        if (member.role === ProjectRole.enum.owner) throw ownerImmutable();
        if (member.role !== role) await projects.updateMemberRole(tx, projectId, memberId, role);
        return toMember({ ...member, role });
      });
    },

    removeMember(userId: string, projectId: string, memberId: string): Promise<void> {
      return withTransaction(async ({ db: tx, emit }) => {
        const project = await requireProject(tx, projectId, userId);
        if (memberId !== userId) requireRole(project, MANAGER_ROLES, 'remove other members');
        const member = await projects.findMember(tx, projectId, memberId);
        if (!member) throw notFound('Member');
        if (member.role === ProjectRole.enum.owner) throw ownerImmutable();
        await projects.deleteMember(tx, projectId, memberId);
        // The assignee must be a member: their cards go back to unassigned.
        for (const task of await unassignUserTasks(tx, projectId, memberId, new Date())) {
          emit('task.updated', { task: toTaskSnapshot(task), changes: { assigneeId: [memberId, null] } }, userId);
        }
        emit(
          'project.member_removed',
          { projectId, projectName: project.name, userId: memberId, role: member.role },
          userId,
        );
      });
    },
  };
}
