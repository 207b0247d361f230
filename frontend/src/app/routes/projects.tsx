import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { CreateProjectForm } from '@/features/projects/components/create-project-form';
import { ProjectCard } from '@/features/projects/components/project-card';
import { useProjects } from '@/features/projects/api/get-projects';
import { errorMessage } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ProjectsRoute() {
  const projects = useProjects();
  useDocumentTitle('Projects');

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6">
      <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
      <CreateProjectForm />
      {projects.isPending && <PageSpinner label="Loading projects" />}
      {projects.isError && <Alert>{errorMessage(projects.error)}</Alert>}
      {projects.data && (
        <ul aria-label="Your projects" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {projects.data.map((project) => (
            <li key={project.id}>
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
