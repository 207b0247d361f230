import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { onServerEvent } from '@/lib/socket';
import { useSocket } from '@/lib/socket-provider';
import { projectTasksQueryKey } from '../api/get-tasks';

/**
 * Joins the project's room while its board is open (again after every reconnect, since a new
 * connection starts with no rooms) and refetches the board when another member changes a task.
 */
export function useProjectLiveUpdates(projectId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!socket) return;

    const subscribe = () => {
      socket.emit('subscribe_project', { projectId }, () => undefined);
    };
    const onTaskChanged = (event: { projectId: string }) => {
      if (event.projectId === projectId) {
        void queryClient.invalidateQueries({ queryKey: projectTasksQueryKey(projectId) });
      }
    };
    const onReconnect = () => {
      subscribe();
      // Changes may have happened while we were away.
      void queryClient.invalidateQueries({ queryKey: projectTasksQueryKey(projectId) });
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
