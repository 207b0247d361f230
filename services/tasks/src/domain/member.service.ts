import { MANAGER_ROLES, ProjectRole, type AssignableRole, type Member } from '@taskflow/contracts/api';
import { AppError, ErrorCode, notFound } from '@taskflow/service-kit/errors';
import type { Executor, WithTransaction } from '../data/database';
import * as projects from '../data/project.repository';
import { unassignUserTasks } from '../data/task.repository';
import { findUserByEmail } from '../data/user.repository';
import { requireMember, requireProject, requireRole } from './access';
import { recordTaskUpdates } from './activity.service';
import type { Changes } from './task.rules';
import { toMember, toTaskSnapshot } from './views';

export interface MembersDeps {
  db: Executor;
  withTransaction: WithTransaction;
  now?: () => Date;
}

export type MembersService = ReturnType<typeof createMembersService>;

export function createMembersService({ db, withTransaction, now = () => new Date() }: MembersDeps) {
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

    /**
     * A member leaves (themself) or is removed (by an owner or admin); the owner never. Every task
     * of theirs in the project, open or done, goes back to unassigned: an assignee is always a
     * member, so no reminder, digest or calendar entry reaches someone who left, and reopening a
     * task never brings them back. The activity keeps who had each task.
     */
    removeMember(userId: string, projectId: string, memberId: string): Promise<void> {
      return withTransaction(async (scope) => {
        const { db: tx, emit } = scope;
        const project = await requireProject(tx, projectId, userId);
        if (memberId !== userId) requireRole(project, MANAGER_ROLES, 'remove other members');
        const member = await projects.findMember(tx, projectId, memberId);
        if (!member) throw notFound('Member');
        if (member.role === ProjectRole.enum.owner) throw ownerImmutable();
        await projects.deleteMember(tx, projectId, memberId);
        const at = now();
        const unassigned = await unassignUserTasks(tx, projectId, memberId, at);
        const changes: Changes = { assigneeId: [memberId, null] };
        await recordTaskUpdates(
          scope,
          unassigned.map((task) => ({ task: toTaskSnapshot(task), changes })),
          userId,
          at,
        );
        emit(
          'project.member_removed',
          { projectId, projectName: project.name, userId: memberId, role: member.role },
          userId,
        );
      });
    },
  };
}
