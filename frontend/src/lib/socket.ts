import { io, type Socket } from 'socket.io-client';
import {
  serverToClientSchemas,
  type ClientToServerEvents,
  type ServerToClientEventName,
  type ServerToClientEvents,
} from '@taskflow/contracts/socket';
import { getAccessToken, refreshSession, subscribeSession } from './auth-session';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One socket per signed-in session. The auth callback runs on every (re)connect, so a
 * reconnect after a token refresh presents the fresh token.
 */
export function createSocket({ url }: { url?: string } = {}): AppSocket {
  // The page's own origin (through nginx), unless a test names a server.
  const options = {
    path: '/socket.io',
    transports: ['websocket'],
    autoConnect: false,
    auth: (cb: (data: { token: string }) => void) => cb({ token: getAccessToken() ?? '' }),
  };
  const socket: AppSocket = url ? io(url, options) : io(options);

  // The server refuses an expired token with a connect_error and socket.io will not retry
  // such a refusal by itself: refresh the token and try again, with a growing pause.
  let attempts = 0;
  socket.on('connect', () => {
    attempts = 0;
  });
  socket.on('connect_error', () => {
    if (socket.active) return;
    attempts += 1;
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(attempts, 5));
    setTimeout(() => {
      void refreshSession().then((session) => {
        if (session && !socket.connected) socket.connect();
      });
    }, delay);
  });

  // The server closes a socket when the token it connected with expires, unless it was handed the
  // fresh token of each silent refresh; and at once when the session is ended elsewhere.
  const stopFollowing = subscribeSession((session) => {
    if (!session) {
      stopFollowing();
      return;
    }
    if (socket.connected) socket.emit('reauth', { token: session.accessToken }, () => undefined);
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return;
    // Expired or ended: a refresh tells which. A new token reconnects; an ended session signs out.
    void refreshSession().then((session) => {
      if (session && !socket.connected) socket.connect();
    });
  });

  socket.connect();
  return socket;
}

/**
 * Listens for one server push, validated against its contracts schema on arrival: a payload that
 * does not match (a server of another version, say) is dropped with a console warning instead of
 * reaching the caches. Returns the function that stops listening.
 */
export function onServerEvent<E extends ServerToClientEventName>(
  socket: AppSocket,
  event: E,
  handler: Parameters<ServerToClientEvents[E]>[0] extends infer P ? (payload: P) => void : never,
): () => void {
  const schema = serverToClientSchemas[event];
  const listener = (payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) (handler as (payload: unknown) => void)(parsed.data);
    else console.warn(`TaskFlow: ignored a malformed "${event}" push`, parsed.error.issues);
  };
  const untyped = socket as unknown as Socket;
  untyped.on(event as string, listener);
  return () => {
    untyped.off(event as string, listener);
  };
}
