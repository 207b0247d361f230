import { useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useMembers } from '@/features/members/api/get-members';
import { useProject } from '@/features/projects/api/get-project';
import { useProjectTasks } from '@/features/tasks/api/get-tasks';
import { Board } from '@/features/tasks/components/board';
import { CreateTaskForm } from '@/features/tasks/components/create-task-form';
import { useProjectLiveUpdates } from '@/features/tasks/hooks/use-project-live-updates';
import { errorMessage } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';

export function BoardRoute() {
  const projectId = useParams().projectId ?? '';
  const project = useProject(projectId);
  const tasks = useProjectTasks(projectId);
  const members = useMembers(projectId);
  useProjectLiveUpdates(projectId);
  useDocumentTitle(project.data?.name);

  const memberList = members.data ?? [];

  return (
    <>
      <CreateTaskForm projectId={projectId} members={memberList} />
      {tasks.isPending && <PageSpinner label="Loading tasks" />}
      {tasks.isError && <Alert>{errorMessage(tasks.error)}</Alert>}
      {tasks.data && <Board projectId={projectId} tasks={tasks.data} members={memberList} />}
    </>
  );
}

export default BoardRoute;
