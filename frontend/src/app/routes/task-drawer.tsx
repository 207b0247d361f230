import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useBlocker, useLocation, useNavigate, useParams } from 'react-router';
import { MANAGER_ROLES } from '@taskflow/contracts/api';
import { useCurrentUser } from '@/features/auth/components/auth-provider';
import { membersQueryOptions } from '@/features/members/api/get-members';
import { useTask } from '@/features/tasks/api/get-task';
import { TaskDrawer } from '@/features/tasks/components/task-drawer';
import { useTaskLiveUpdates } from '@/features/tasks/hooks/use-task-live-updates';

/**
 * `…/tasks/:taskId` under a page (the board, My tasks): that page with the task's drawer over it.
 * Closing goes to the page it is under — the parent route — keeping its query (the board's filters);
 * it replaces the drawer's history entry, so Back then goes where the person was before opening it.
 */
export function TaskDrawerRoute() {
  const params = useParams();
  const taskId = params.taskId ?? '';
  const navigate = useNavigate();
  const { search } = useLocation();
  const user = useCurrentUser();
  const task = useTask(taskId);
  const projectId = task.data?.projectId;
  const members = useQuery({ ...membersQueryOptions(projectId ?? ''), enabled: projectId !== undefined });
  // Under the project's own pages the board already listens to the project's room.
  useTaskLiveUpdates(taskId, projectId, { joinRoom: params.projectId !== projectId });

  // Leaving with text typed but not saved (closing, Back, a link, a reload) asks first.
  const [unsaved, setUnsaved] = useState(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm('Leave this task? What you typed and did not save will be lost.')) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const role = members.data?.find((m) => m.userId === user.id)?.role;
  const close = () => void navigate({ pathname: '..', search }, { replace: true });

  return (
    <TaskDrawer
      taskId={taskId}
      members={members.data ?? []}
      userId={user.id}
      timeZone={user.timezone}
      canModerate={role !== undefined && MANAGER_ROLES.includes(role)}
      onClose={close}
      onUnsavedChange={setUnsaved}
    />
  );
}
