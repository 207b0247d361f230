import { useState } from 'react';
import { AssignableRole, type Member } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { ROLE_LABEL, RoleBadge } from '@/components/ui/role-badge';
import { useChangeMemberRole } from '../api/change-member-role';
import { useRemoveMember } from '../api/remove-member';
import { explainMemberError, memberActions, type Viewer } from '../member-rights';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

type Props = {
  projectId: string;
  projectName: string;
  members: Member[];
  viewer: Viewer;
  /** After the viewer left the project (the page should leave it too). */
  onLeft: () => void;
};

export function MembersList({ members, ...rest }: Props) {
  return (
    <Card>
      <ul aria-label="Members" className="divide-y divide-gray-100 dark:divide-gray-800">
        {members.map((member) => (
          <MemberRow key={member.userId} member={member} {...rest} />
        ))}
      </ul>
    </Card>
  );
}

const roleSelectClass = cn(
  'h-8 rounded-md border border-gray-300 bg-white px-2 text-sm text-gray-800',
  'focus:outline-2 focus:outline-indigo-500 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200',
);

function MemberRow({ member, projectId, projectName, viewer, onLeft }: Omit<Props, 'members'> & { member: Member }) {
  const actions = memberActions(viewer, member);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changeRole = useChangeMemberRole(projectId, {
    mutationConfig: { onError: (e) => setError(explainMemberError(e)) },
  });
  const remove = useRemoveMember(projectId, {
    mutationConfig: {
      onSuccess: () => {
        if (actions.leave) onLeft();
      },
      onError: (e) => {
        setConfirming(false);
        setError(explainMemberError(e));
      },
    },
  });
  const isSelf = member.userId === viewer.userId;

  return (
    <li className="flex flex-col gap-2 px-4 py-3" aria-label={member.name}>
      <div className="flex flex-wrap items-center gap-3">
        <span
          aria-hidden
          className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
        >
          {initials(member.name)}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium">
            {member.name}
            {isSelf && <span className="font-normal text-gray-600 dark:text-gray-400"> (you)</span>}
          </p>
          <p className="truncate text-sm text-gray-600 dark:text-gray-400">{member.email}</p>
        </div>
        {actions.changeRole ? (
          <select
            aria-label={`Role of ${member.name}`}
            value={changeRole.isPending ? changeRole.variables.role : member.role}
            disabled={changeRole.isPending}
            onChange={(e) => {
              setError(null);
              changeRole.mutate({ userId: member.userId, role: AssignableRole.parse(e.target.value) });
            }}
            className={roleSelectClass}
          >
            {AssignableRole.options.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
          </select>
        ) : (
          <RoleBadge role={member.role} />
        )}
        {(actions.remove || actions.leave) && !confirming && (
          <Button
            variant="danger"
            size="sm"
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            {actions.leave ? 'Leave project' : 'Remove'}
            {actions.remove && <span className="sr-only"> {member.name}</span>}
          </Button>
        )}
      </div>
      {confirming && (
        <div
          role="group"
          aria-label={actions.leave ? 'Confirm leaving' : `Confirm removing ${member.name}`}
          className="flex flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 sm:flex-row sm:items-center dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          <p className="flex-1">
            {actions.leave
              ? `Leave ${projectName}? You lose access to its board, and your tasks there become unassigned.`
              : `Remove ${member.name} from ${projectName}? Their tasks there become unassigned.`}
          </p>
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              variant="destructive"
              size="sm"
              loading={remove.isPending}
              onClick={() => remove.mutate(member.userId)}
            >
              {actions.leave ? 'Leave' : 'Remove'}
            </Button>
          </div>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
    </li>
  );
}
