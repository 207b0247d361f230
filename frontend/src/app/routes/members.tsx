import { useParams } from 'react-router';
import { MANAGER_ROLES } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useMembers } from '@/features/members/api/get-members';
import { AddMemberForm } from '@/features/members/components/add-member-form';
import { MembersList } from '@/features/members/components/members-list';
import { useProject } from '@/features/projects/api/get-project';
import { useDocumentTitle } from '@/lib/use-document-title';
import { errorMessage } from '@/lib/api-error';

export function MembersRoute() {
  const projectId = useParams().projectId ?? '';
  const project = useProject(projectId);
  const members = useMembers(projectId);
  useDocumentTitle(project.data ? `Members · ${project.data.name}` : 'Members');

  const canManage = project.data ? MANAGER_ROLES.includes(project.data.role) : false;

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      {canManage && <AddMemberForm projectId={projectId} />}
      {members.isPending && <PageSpinner label="Loading members" />}
      {members.isError && <Alert>{errorMessage(members.error)}</Alert>}
      {members.data && <MembersList members={members.data} />}
    </div>
  );
}

export default MembersRoute;
