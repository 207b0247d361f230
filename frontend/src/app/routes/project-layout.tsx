import { Link, Outlet, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useProject } from '@/features/projects/api/get-project';
import { ProjectHeader } from '@/features/projects/components/project-header';
import { errorMessage, isApiError } from '@/lib/api-error';

export function ProjectLayoutRoute() {
  const projectId = useParams().projectId ?? '';
  const project = useProject(projectId);

  if (project.isPending) return <PageSpinner label="Loading project" />;
  if (project.isError) {
    const missing = isApiError(project.error) && (project.error.status === 404 || project.error.status === 400);
    return (
      <div className="mx-auto max-w-xl px-4 py-12 text-center">
        <h1 className="text-xl font-semibold">{missing ? 'Project not found' : 'Could not load the project'}</h1>
        {!missing && <Alert className="mt-4">{errorMessage(project.error)}</Alert>}
        <Link
          to="/projects"
          className="mt-4 inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Back to projects
        </Link>
      </div>
    );
  }

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6">
      <ProjectHeader project={project.data} />
      <Outlet />
    </div>
  );
}
