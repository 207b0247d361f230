import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { TaskChanged } from '@taskflow/contracts/socket';
import { onServerEvent } from '@/lib/socket';
import { useSocket } from '@/lib/socket-provider';
import { taskQueryKey } from '../api/get-task';
import { refetchTaskTimeline } from '../api/task-pages';

/**
 * Keeps an open task drawer current: a `task_changed` push that names its task refetches the task
 * (when it is a change to the task itself) and its comments and history. Pushes come to the task's
 * project room; on the board the board holds that room, elsewhere (`joinRoom`) the drawer joins it
 * itself, and leaves it when it closes. After a reconnect it refetches, as pushes may have been missed.
 */
export function useTaskLiveUpdates(taskId: string, projectId: string | undefined, { joinRoom = false } = {}): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!socket || !projectId) return;
    const join = () => {
      if (joinRoom) socket.emit('subscribe_project', { projectId }, () => undefined);
    };
    const refetch = (withTask: boolean) => {
      if (withTask) void queryClient.invalidateQueries({ queryKey: taskQueryKey(taskId) });
      void refetchTaskTimeline(queryClient, taskId);
    };
    const onTaskChanged = (event: TaskChanged) => {
      if (event.taskId !== taskId) return;
      refetch(event.type !== 'task.commented' && event.type !== 'task.comment_deleted');
    };
    const onReconnect = () => {
      join();
      refetch(true);
    };

    if (socket.connected) join();
    socket.on('connect', onReconnect);
    const stop = onServerEvent(socket, 'task_changed', onTaskChanged);
    return () => {
      socket.off('connect', onReconnect);
      stop();
      if (joinRoom && socket.connected) socket.emit('unsubscribe_project', { projectId }, () => undefined);
    };
  }, [socket, taskId, projectId, joinRoom, queryClient]);
}
