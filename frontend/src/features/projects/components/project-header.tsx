import { NavLink } from 'react-router';
import type { Project } from '@taskflow/contracts/api';
import { cn } from '@/components/ui/cn';
import { RoleBadge } from '@/components/ui/role-badge';

const tabClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500',
    isActive
      ? 'bg-white text-gray-900 shadow-xs dark:bg-gray-800 dark:text-gray-100'
      : 'text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100',
  );

/** The project name as the page's h1, and the tabs between its board, members and settings. */
export function ProjectHeader({ project }: { project: Project }) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <div className="flex items-center gap-2">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{project.name}</h1>
          <RoleBadge role={project.role} />
        </div>
        {project.description && <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">{project.description}</p>}
      </div>
      <nav aria-label="Project" className="flex shrink-0 gap-1 self-start rounded-lg bg-gray-100 p-1 dark:bg-gray-900">
        <NavLink to={`/projects/${project.id}`} end className={tabClass}>
          Board
        </NavLink>
        <NavLink to={`/projects/${project.id}/members`} className={tabClass}>
          Members ({project.memberCount})
        </NavLink>
        <NavLink to={`/projects/${project.id}/settings`} className={tabClass}>
          Settings
        </NavLink>
      </nav>
    </div>
  );
}
