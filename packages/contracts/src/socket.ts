import { z } from 'zod';
import { Notification, UnreadCount, uuid } from './api';

/**
 * The Socket.IO contract of the notifications gateway. Every client → server payload has a schema
 * here, and the gateway validates each one on arrival; a payload that does not match is answered
 * `{ ok: false, error: 'invalid_payload' }`, never thrown.
 */

/** `subscribe_project` / `unsubscribe_project`: which board to watch. */
export const ProjectSubscription = z.object({ projectId: uuid }).strict();
export type ProjectSubscription = z.infer<typeof ProjectSubscription>;

/**
 * `reauth`: a fresh access token for a connected socket (the SPA sends one after each silent
 * refresh). Without it the socket is disconnected when the token it connected with expires.
 */
export const Reauth = z.object({ token: z.string().min(1).max(4096) }).strict();
export type Reauth = z.infer<typeof Reauth>;

/** Why a client → server event was refused. */
export const SocketErrorCode = {
  invalidPayload: 'invalid_payload',
  forbidden: 'forbidden',
  /** `reauth` with a token that does not verify, or is another user's. */
  unauthorized: 'unauthorized',
  unavailable: 'unavailable',
} as const;
export type SocketErrorCode = (typeof SocketErrorCode)[keyof typeof SocketErrorCode];

export type SocketAck = { ok: true } | { ok: false; error: SocketErrorCode };

/** What a board push says: which task changed, how, and its version after the change. */
export const TaskChanged = z.object({
  projectId: uuid,
  taskId: uuid,
  type: z.string(),
  version: z.number().int(),
});
export type TaskChanged = z.infer<typeof TaskChanged>;

/** The payload schema of each event the server pushes; the browser validates every push on arrival. */
export const serverToClientSchemas = {
  notification: Notification,
  unread_count: UnreadCount,
  task_changed: TaskChanged,
} as const;
export type ServerToClientEventName = keyof typeof serverToClientSchemas;

/** Events the notifications service pushes to browsers over Socket.IO. */
export type ServerToClientEvents = {
  [E in ServerToClientEventName]: (payload: z.infer<(typeof serverToClientSchemas)[E]>) => void;
};

export interface ClientToServerEvents {
  subscribe_project: (payload: ProjectSubscription, ack: (res: SocketAck) => void) => void;
  unsubscribe_project: (payload: ProjectSubscription, ack: (res: SocketAck) => void) => void;
  reauth: (payload: Reauth, ack: (res: SocketAck) => void) => void;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const projectRoom = (projectId: string) => `project:${projectId}`;
/** Every socket of one session (one signed-in browser), so ending the session closes them all. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
