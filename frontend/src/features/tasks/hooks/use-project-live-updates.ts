import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TaskChanged } from '@taskflow/contracts/socket';
import { onServerEvent, type AppSocket } from '@/lib/socket';
import { useSocket } from '@/lib/socket-provider';
import { projectTasksQueryKey } from '../api/get-tasks';
import { cachedTask, dropTask, refreshTask } from '../api/task-cache';

/**
 * What a `task_changed` push does to the board's cache: a deleted task leaves every list; any other
 * change fetches just that task (GET /api/tasks/:tid) and puts it where it now belongs — or nothing,
 * when the board already shows that version (the person's own change, a comment).
 */
async function applyTaskChanged(queryClient: QueryClient, event: TaskChanged): Promise<void> {
  if (event.type === 'task.deleted') return dropTask(queryClient, event.projectId, event.taskId);
  const shown = cachedTask(queryClient, event.projectId, event.taskId);
  if (shown && shown.version >= event.version) return;
  await refreshTask(queryClient, event.projectId, event.taskId);
}

/**
 * Joins the project's room on `socket` while its board is open (again after every reconnect, since
 * a new connection starts with no rooms) and patches the board with each change another member makes.
 */
export function useProjectRoom(socket: AppSocket | null, projectId: string): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!socket) return;

    const subscribe = () => {
      socket.emit('subscribe_project', { projectId }, () => undefined);
    };
    const onTaskChanged = (event: TaskChanged) => {
      if (event.projectId === projectId) void applyTaskChanged(queryClient, event);
    };
    const onReconnect = () => {
      subscribe();
      // A connection the server recovered has been replayed what it missed; a new one fetches the board.
      if (!socket.recovered) void queryClient.invalidateQueries({ queryKey: projectTasksQueryKey(projectId) });
    };

    if (socket.connected) subscribe();
    socket.on('connect', onReconnect);
    const stopTaskChanged = onServerEvent(socket, 'task_changed', onTaskChanged);
    return () => {
      socket.off('connect', onReconnect);
      stopTaskChanged();
      if (socket.connected) socket.emit('unsubscribe_project', { projectId }, () => undefined);
    };
  }, [socket, projectId, queryClient]);
}

/** The board's live updates over the signed-in user's socket. */
export function useProjectLiveUpdates(projectId: string): void {
  useProjectRoom(useSocket(), projectId);
}
