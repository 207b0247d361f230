import type { Notification } from './api';

/** Events the notifications service pushes to browsers over Socket.IO. */
export interface ServerToClientEvents {
  notification: (n: Notification) => void;
  unread_count: (payload: { count: number }) => void;
  task_changed: (payload: { projectId: string; taskId: string; type: string; version: number }) => void;
}

export interface ClientToServerEvents {
  subscribe_project: (payload: { projectId: string }, ack: (res: { ok: boolean }) => void) => void;
  unsubscribe_project: (payload: { projectId: string }, ack: (res: { ok: boolean }) => void) => void;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const projectRoom = (projectId: string) => `project:${projectId}`;
