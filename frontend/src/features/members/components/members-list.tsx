import type { Member } from '@taskflow/contracts/api';
import { Card } from '@/components/ui/card';
import { RoleBadge } from '@/components/ui/role-badge';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function MembersList({ members }: { members: Member[] }) {
  return (
    <Card>
      <ul aria-label="Members" className="divide-y divide-gray-100 dark:divide-gray-800">
        {members.map((member) => (
          <li key={member.userId} className="flex items-center gap-3 px-4 py-3">
            <span
              aria-hidden
              className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
            >
              {initials(member.name)}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{member.name}</p>
              <p className="truncate text-sm text-gray-500 dark:text-gray-400">{member.email}</p>
            </div>
            <RoleBadge role={member.role} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
