import { Outlet } from 'react-router';
import type { Task } from '@taskflow/contracts/api';
import { LoadError } from '@/components/ui/load-error';
import { PageSpinner } from '@/components/ui/spinner';
import { useCurrentUser } from '@/features/auth/components/auth-provider';
import { useProjects } from '@/features/projects/api/get-projects';
import { useMyTasks } from '@/features/tasks/api/get-my-tasks';
import { MyTasksList } from '@/features/tasks/components/my-tasks-list';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useNow } from '@/lib/use-now';

const taskHref = (task: Task) => `/my-tasks/tasks/${task.id}`;

export function MyTasksRoute() {
  const user = useCurrentUser();
  const tasks = useMyTasks();
  const projects = useProjects();
  const now = useNow();
  useDocumentTitle('My tasks');

  const names = new Map(projects.data?.map((project) => [project.id, project.name]));
  const projectName = (projectId: string) => names.get(projectId) ?? 'Project';

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">My tasks</h1>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
          Open tasks assigned to you in every project, by due date in your time zone ({user.timezone}).
        </p>
      </div>
      {tasks.isPending && <PageSpinner label="Loading your tasks" />}
      {tasks.isError && <LoadError what="your tasks" error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && (
        <MyTasksList
          tasks={tasks.data}
          timezone={user.timezone}
          now={now}
          projectName={projectName}
          taskHref={taskHref}
        />
      )}
      <Outlet />
    </div>
  );
}
