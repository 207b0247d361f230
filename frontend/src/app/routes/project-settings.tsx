import { useNavigate, useParams } from 'react-router';
import { MANAGER_ROLES, ProjectRole } from '@taskflow/contracts/api';
import { Card } from '@/components/ui/card';
import { PageSpinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toaster';
import { useProject } from '@/features/projects/api/get-project';
import { DeleteProjectForm } from '@/features/projects/components/delete-project-form';
import { ProjectSettingsForm } from '@/features/projects/components/project-settings-form';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ProjectSettingsRoute() {
  const projectId = useParams().projectId ?? '';
  // The project layout above has loaded it (and shows its errors); this reads the same cache.
  const project = useProject(projectId);
  const navigate = useNavigate();
  const toast = useToast();
  useDocumentTitle(project.data ? `Settings · ${project.data.name}` : 'Settings');

  if (!project.data) return <PageSpinner label="Loading project" />;
  const { data } = project;
  const canEdit = MANAGER_ROLES.includes(data.role);
  const canDelete = data.role === ProjectRole.enum.owner && !data.personal;

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      {canEdit ? (
        <ProjectSettingsForm key={data.id} project={data} />
      ) : (
        <Card className="p-4 text-sm text-gray-700 dark:text-gray-300">
          Only the owner or an admin can rename or describe this project.
        </Card>
      )}
      {canDelete && (
        <DeleteProjectForm
          project={data}
          onDeleted={() => {
            toast({ title: `${data.name} was deleted`, tone: 'success' });
            void navigate('/projects', { replace: true });
          }}
        />
      )}
      {data.personal && (
        <p className="text-sm text-gray-600 dark:text-gray-400">
          This is your personal project: it is always there, so it cannot be deleted.
        </p>
      )}
    </div>
  );
}
