import { createContext, use, useEffect, useState, type ReactNode } from 'react';
import type { AppSocket } from './socket';

const SocketContext = createContext<AppSocket | null>(null);

/**
 * Holds one live socket while a user is signed in; a new user gets a new socket.
 * socket.io-client is loaded on demand so the login page does not pay for it.
 */
export function SocketProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const [socket, setSocket] = useState<AppSocket | null>(null);

  useEffect(() => {
    if (!userId) return;
    let cancelled = false;
    let created: AppSocket | null = null;
    void import('./socket').then(({ createSocket }) => {
      if (cancelled) return;
      created = createSocket();
      setSocket(created);
    });
    return () => {
      cancelled = true;
      if (created) {
        created.removeAllListeners();
        created.disconnect();
      }
      setSocket(null);
    };
  }, [userId]);

  return <SocketContext value={socket}>{children}</SocketContext>;
}

/** The live socket, or null while signed out or before it is created. */
export function useSocket(): AppSocket | null {
  return use(SocketContext);
}
