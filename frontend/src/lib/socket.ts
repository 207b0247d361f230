import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@taskflow/contracts/socket';
import { getAccessToken, refreshSession } from './auth-session';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One socket per signed-in session. The auth callback runs on every (re)connect, so a
 * reconnect after a token refresh presents the fresh token.
 */
export function createSocket(): AppSocket {
  const socket: AppSocket = io({
    path: '/socket.io',
    transports: ['websocket'],
    autoConnect: false,
    auth: (cb) => cb({ token: getAccessToken() ?? '' }),
  });

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

  socket.connect();
  return socket;
}
