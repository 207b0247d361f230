import { Link } from 'react-router';
import type { Project } from '@taskflow/contracts/api';
import { RoleBadge } from '@/components/ui/role-badge';

export function ProjectCard({ project }: { project: Project }) {
  const members = `${project.memberCount} ${project.memberCount === 1 ? 'member' : 'members'}`;
  return (
    <Link
      to={`/projects/${project.id}`}
      className="group flex h-full flex-col rounded-xl border border-gray-200 bg-white p-4 shadow-xs transition hover:border-indigo-300 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-gray-800 dark:bg-gray-900 dark:hover:border-indigo-700"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold text-gray-900 group-hover:text-indigo-700 dark:text-gray-100 dark:group-hover:text-indigo-300">
          {project.name}
        </h2>
        {project.personal ? (
          <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-600 dark:bg-gray-800 dark:text-gray-300">
            Personal
          </span>
        ) : (
          <RoleBadge role={project.role} />
        )}
      </div>
      {project.description && (
        <p className="mt-1 line-clamp-2 text-sm text-gray-600 dark:text-gray-400">{project.description}</p>
      )}
      <p className="mt-auto pt-3 text-xs text-gray-500 dark:text-gray-400">{members}</p>
    </Link>
  );
}
