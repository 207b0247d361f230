import { useCallback, useMemo } from 'react';
import type { Member, Task, TaskStatus } from '@taskflow/contracts/api';
import { useDeleteTask } from '../api/delete-task';
import { useUpdateTask } from '../api/update-task';
import { STATUSES } from '../task-meta';
import { BoardColumn } from './board-column';

type Props = { projectId: string; tasks: Task[]; members: Member[] };

export function Board({ projectId, tasks, members }: Props) {
  const updateTask = useUpdateTask(projectId);
  const deleteTask = useDeleteTask(projectId);
  const { mutate: update } = updateTask;
  const { mutate: remove } = deleteTask;

  const columns = useMemo(() => {
    const byStatus: Record<TaskStatus, Task[]> = { todo: [], in_progress: [], done: [] };
    for (const task of tasks) byStatus[task.status].push(task);
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
          tasks={columns[value]}
          members={members}
          onStatusChange={onStatusChange}
          onAssigneeChange={onAssigneeChange}
          onDelete={onDelete}
        />
      ))}
    </div>
  );
}
