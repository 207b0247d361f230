import { useCallback, useEffect, useState } from 'react';
import type { Member } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LoadError } from '@/components/ui/load-error';
import { SidePanel } from '@/components/ui/side-panel';
import { SectionSpinner } from '@/components/ui/spinner';
import { errorMessage, isApiError } from '@/lib/api-error';
import { useDeleteTask } from '../api/delete-task';
import { useTask } from '../api/get-task';
import { TaskActivity } from './task-activity';
import { TaskComments } from './task-comments';
import { TaskEditor } from './task-editor';

type Props = {
  taskId: string;
  /** The members of the task's project: assignees, mentions and names in the history. */
  members: readonly Member[];
  userId: string;
  timeZone: string;
  /** The person is the project's owner or an admin. */
  canModerate: boolean;
  onClose: () => void;
  /** Told whether the drawer holds text typed but not saved (a description, a comment). */
  onUnsavedChange?: (unsaved: boolean) => void;
};

function CloseIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-5">
      <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
    </svg>
  );
}

/** One task over the page it was opened from: every field, its comments and its history. */
export function TaskDrawer({ taskId, members, userId, timeZone, canModerate, onClose, onUnsavedChange }: Props) {
  const [unsaved, setUnsaved] = useState({ description: false, comment: false });
  const onDescriptionUnsaved = useCallback((description: boolean) => setUnsaved((u) => ({ ...u, description })), []);
  const onCommentUnsaved = useCallback((comment: boolean) => setUnsaved((u) => ({ ...u, comment })), []);
  const anyUnsaved = unsaved.description || unsaved.comment;
  useEffect(() => onUnsavedChange?.(anyUnsaved), [anyUnsaved, onUnsavedChange]);

  const task = useTask(taskId);
  const gone = isApiError(task.error) && (task.error.status === 404 || task.error.status === 400);
  const remove = useDeleteTask(task.data?.projectId ?? '', { mutationConfig: { onSuccess: onClose } });

  const onDelete = () => {
    if (task.data && window.confirm(`Delete “${task.data.title}”? This cannot be undone.`)) remove.mutate(task.data);
  };

  return (
    <SidePanel label={task.data && !gone ? `Task: ${task.data.title}` : 'Task'} onClose={onClose}>
      <div className="sticky top-0 z-10 flex items-center justify-between gap-2 border-b border-gray-200 bg-white px-4 py-2 dark:border-gray-800 dark:bg-gray-950">
        <h2 className="text-sm font-medium text-gray-600 dark:text-gray-400">Task</h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close task"
          title="Close (Esc)"
          className="inline-flex size-10 items-center justify-center rounded-lg text-gray-600 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-gray-300 dark:hover:bg-gray-800"
        >
          <CloseIcon />
        </button>
      </div>

      <div className="flex flex-col gap-8 p-4">
        {task.isPending && <SectionSpinner label="Loading task" />}
        {gone && (
          <div className="flex flex-col items-start gap-3">
            <p className="text-base font-semibold">This task does not exist any more.</p>
            <p className="text-sm text-gray-600 dark:text-gray-400">
              It was deleted, or you are no longer a member of its project.
            </p>
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        )}
        {task.isError && !gone && !task.data && (
          <LoadError what="the task" error={task.error} onRetry={() => void task.refetch()} />
        )}
        {task.data && !gone && (
          <>
            <TaskEditor
              key={task.data.id}
              task={task.data}
              members={members}
              userId={userId}
              timeZone={timeZone}
              onUnsavedChange={onDescriptionUnsaved}
            />
            <TaskComments
              taskId={task.data.id}
              members={members}
              userId={userId}
              timeZone={timeZone}
              canDeleteAny={canModerate}
              onUnsavedChange={onCommentUnsaved}
            />
            <TaskActivity taskId={task.data.id} members={members} timeZone={timeZone} />
            <div className="flex flex-col items-start gap-2 border-t border-gray-200 pt-4 dark:border-gray-800">
              {remove.isError && <Alert>Could not delete the task. {errorMessage(remove.error)}</Alert>}
              <Button variant="danger" loading={remove.isPending} onClick={onDelete}>
                Delete task
              </Button>
            </div>
          </>
        )}
      </div>
    </SidePanel>
  );
}
