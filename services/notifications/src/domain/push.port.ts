import type { ServerToClientEvents } from '@taskflow/contracts/socket';

export type PushEvent = keyof ServerToClientEvents;
export type PushPayload<E extends PushEvent> = Parameters<ServerToClientEvents[E]>[0];

/**
 * What the domain needs of the live channel. The realtime gateway implements it over Socket.IO
 * rooms (fanned out to every instance by the Redis adapter); the domain never sees socket.io.
 */
export interface Pusher {
  toUser<E extends PushEvent>(userId: string, event: E, payload: PushPayload<E>): void;
  toProject<E extends PushEvent>(projectId: string, event: E, payload: PushPayload<E>): void;
  /** Takes one user's sockets (or, without userId, everyone's) out of a project's room. */
  leaveProject(projectId: string, userId?: string): void;
}
