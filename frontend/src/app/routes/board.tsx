import { useRef, useState } from 'react';
import { Outlet, useParams } from 'react-router';
import { LoadError } from '@/components/ui/load-error';
import { PageSpinner } from '@/components/ui/spinner';
import { useMembers } from '@/features/members/api/get-members';
import { useProject } from '@/features/projects/api/get-project';
import { useProjectTasks } from '@/features/tasks/api/get-tasks';
import { Board } from '@/features/tasks/components/board';
import { BoardToolbar } from '@/features/tasks/components/board-toolbar';
import { CreateTaskForm } from '@/features/tasks/components/create-task-form';
import { ShortcutsDialog } from '@/features/tasks/components/shortcuts-dialog';
import { TaskListView } from '@/features/tasks/components/task-list-view';
import { useBoardParams } from '@/features/tasks/hooks/use-board-params';
import { useBoardShortcuts } from '@/features/tasks/hooks/use-board-shortcuts';
import { useProjectLiveUpdates } from '@/features/tasks/hooks/use-project-live-updates';
import { useDocumentTitle } from '@/lib/use-document-title';

export function BoardRoute() {
  const projectId = useParams().projectId ?? '';
  const project = useProject(projectId);
  const params = useBoardParams();
  const tasks = useProjectTasks(projectId, params.query);
  const members = useMembers(projectId);
  useProjectLiveUpdates(projectId);
  useDocumentTitle(project.data?.name);

  const newTaskRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useBoardShortcuts({
    newTask: () => {
      const title = newTaskRef.current?.querySelector('input');
      title?.scrollIntoView?.({ block: 'center' });
      title?.focus();
    },
    search: () => searchRef.current?.focus(),
    help: () => setShortcutsOpen(true),
  });

  const memberList = members.data ?? [];
  const empty = tasks.data?.length === 0;

  return (
    <>
      <div ref={newTaskRef}>
        <CreateTaskForm projectId={projectId} members={memberList} />
      </div>
      <BoardToolbar
        {...params}
        members={memberList}
        searchRef={searchRef}
        onShowShortcuts={() => setShortcutsOpen(true)}
      />
      {tasks.isPending && <PageSpinner label="Loading tasks" />}
      {tasks.isError && <LoadError what="the tasks" error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {empty && (
        <div
          role="status"
          className="rounded-xl border border-dashed border-gray-300 p-4 text-center text-sm dark:border-gray-700"
        >
          {params.filtered ? (
            'No tasks match these filters.'
          ) : (
            <>
              No tasks yet. Add the first one above (press <kbd>n</kbd>).
            </>
          )}
        </div>
      )}
      {tasks.data && (
        <div aria-busy={tasks.isFetching && tasks.isPlaceholderData}>
          {params.view === 'list' ? (
            <TaskListView tasks={tasks.data} sort={params.sort} onSort={params.setSort} />
          ) : (
            <Board projectId={projectId} tasks={tasks.data} members={memberList} />
          )}
        </div>
      )}
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      {/* The task drawer (tasks/:taskId) opens over the board. */}
      <Outlet />
    </>
  );
}
