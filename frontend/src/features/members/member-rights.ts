import { ErrorCode } from '@taskflow/contracts/errors';
import { MANAGER_ROLES, ProjectRole, type Member } from '@taskflow/contracts/api';
import { errorMessage, isApiError } from '@/lib/api-error';

/** Who is looking at the members page: their id and their role in the project. */
export type Viewer = { userId: string; role: ProjectRole };

export type MemberActions = { changeRole: boolean; remove: boolean; leave: boolean };

/**
 * What the viewer may do to one member, as the server decides it: the owner and admins change
 * roles and remove others; anyone but the owner may leave; the owner is never removed or demoted.
 * Managers change only others' roles here, so nobody demotes themself by a slip of the select.
 */
export function memberActions(viewer: Viewer, member: Member): MemberActions {
  const isOwner = member.role === ProjectRole.enum.owner;
  const isSelf = member.userId === viewer.userId;
  const manages = MANAGER_ROLES.includes(viewer.role);
  return {
    changeRole: manages && !isOwner && !isSelf,
    remove: manages && !isOwner && !isSelf,
    leave: isSelf && !isOwner,
  };
}

/** The server's refusal of a member change, in words that say what to do about it. */
export function explainMemberError(error: unknown): string {
  if (isApiError(error, ErrorCode.ownerImmutable)) return 'The project owner cannot be removed or given another role.';
  if (isApiError(error) && error.status === 403)
    return 'Only the owner or an admin can do this; your role may have changed. The list now shows the latest.';
  if (isApiError(error) && error.status === 404) return 'This person is no longer a member of the project.';
  return errorMessage(error);
}
