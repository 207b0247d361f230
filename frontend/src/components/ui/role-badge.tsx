import type { ProjectRole } from '@taskflow/contracts/api';
import { cn } from './cn';

const styles: Record<ProjectRole, string> = {
  owner: 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300',
  admin: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
  member: 'bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-300',
};

export const ROLE_LABEL: Record<ProjectRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

export function RoleBadge({ role }: { role: ProjectRole }) {
  return <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', styles[role])}>{ROLE_LABEL[role]}</span>;
}
