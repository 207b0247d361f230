import { useNavigate, useParams } from 'react-router';
import { MANAGER_ROLES } from '@taskflow/contracts/api';
import { LoadError } from '@/components/ui/load-error';
import { PageSpinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toaster';
import { useCurrentUser } from '@/features/auth/components/auth-provider';
import { useMembers } from '@/features/members/api/get-members';
import { AddMemberForm } from '@/features/members/components/add-member-form';
import { MembersList } from '@/features/members/components/members-list';
import { useProject } from '@/features/projects/api/get-project';
import { useDocumentTitle } from '@/lib/use-document-title';

export function MembersRoute() {
  const projectId = useParams().projectId ?? '';
  const user = useCurrentUser();
  const project = useProject(projectId);
  const members = useMembers(projectId);
  const navigate = useNavigate();
  const toast = useToast();
  useDocumentTitle(project.data ? `Members · ${project.data.name}` : 'Members');

  const canManage = project.data ? MANAGER_ROLES.includes(project.data.role) : false;

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      {canManage && <AddMemberForm projectId={projectId} />}
      {members.isPending && <PageSpinner label="Loading members" />}
      {members.isError && <LoadError what="the members" error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && project.data && (
        <MembersList
          projectId={projectId}
          projectName={project.data.name}
          members={members.data}
          viewer={{ userId: user.id, role: project.data.role }}
          onLeft={() => {
            toast({ title: `You left ${project.data.name}`, tone: 'success' });
            void navigate('/projects', { replace: true });
          }}
        />
      )}
    </div>
  );
}
