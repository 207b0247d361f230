import { useCallback, useMemo } from 'react';
import type { Member, Task, TaskStatus } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { useToast } from '@/components/ui/toaster';
import { errorMessage, isApiError } from '@/lib/api-error';
import { useDeleteTask } from '../api/delete-task';
import { useUpdateTask } from '../api/update-task';
import { STATUSES } from '../task-meta';
import { BoardColumn } from './board-column';

type Props = { projectId: string; tasks: Task[]; members: Member[] };

export function Board({ projectId, tasks, members }: Props) {
  const showToast = useToast();
  const { mutate: update } = useUpdateTask(projectId, {
    mutationConfig: {
      // By now the board shows the task as it was again.
      onError: (error, { task }) => {
        if (isApiError(error, ErrorCode.versionConflict)) {
          showToast({
            tone: 'error',
            title: 'This task was changed by someone else',
            body: `“${task.title}” now shows the latest version. Please make your change again.`,
          });
        } else {
          showToast({ tone: 'error', title: 'Could not update the task', body: errorMessage(error) });
        }
      },
    },
  });
  const { mutate: remove } = useDeleteTask(projectId, {
    mutationConfig: {
      onSuccess: (_data, task) => showToast({ tone: 'success', title: `Deleted “${task.title}”` }),
      onError: (error, task) =>
        showToast({ tone: 'error', title: `Could not delete “${task.title}”`, body: errorMessage(error) }),
    },
  });

  const columns = useMemo(() => {
    const byStatus = new Map<TaskStatus, Task[]>(STATUSES.map(({ value }) => [value, []]));
    for (const task of tasks) byStatus.get(task.status)?.push(task);
    return byStatus;
  }, [tasks]);

  const onStatusChange = useCallback(
    (task: Task, status: TaskStatus) => {
      if (task.status !== status) update({ task, changes: { status } });
    },
    [update],
  );

  const onAssigneeChange = useCallback(
    (task: Task, assigneeId: string | null) => {
      if (task.assigneeId === assigneeId) return;
      const member = members.find((m) => m.userId === assigneeId);
      const assignee = member ? { id: member.userId, name: member.name } : null;
      update({ task, changes: { assigneeId }, preview: { assignee } });
    },
    [update, members],
  );

  const onDelete = useCallback(
    (task: Task) => {
      if (window.confirm(`Delete “${task.title}”? This cannot be undone.`)) remove(task);
    },
    [remove],
  );

  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
      {STATUSES.map(({ value, label }) => (
        <BoardColumn
          key={value}
          status={value}
          label={label}
          tasks={columns.get(value) ?? []}
          members={members}
          onStatusChange={onStatusChange}
          onAssigneeChange={onAssigneeChange}
          onDelete={onDelete}
        />
      ))}
    </div>
  );
}
