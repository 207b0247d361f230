import { createContext, use, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@taskflow/contracts/api';
import { getSession, restoreSession, subscribeSession } from '@/lib/auth-session';

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'authenticated'; user: User };

const AuthContext = createContext<AuthState | null>(null);

/** Restores the session from the refresh cookie on start, then follows it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribeSession, getSession);
  const [restored, setRestored] = useState(false);
  const queryClient = useQueryClient();
  const previousUserId = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void restoreSession()
      .catch(() => null)
      .finally(() => {
        if (!cancelled) setRestored(true);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // Cached data belongs to the user who fetched it.
  const userId = session?.user.id ?? null;
  useEffect(() => {
    if (previousUserId.current !== null && previousUserId.current !== userId) queryClient.clear();
    previousUserId.current = userId;
  }, [userId, queryClient]);

  let state: AuthState;
  if (session) state = { status: 'authenticated', user: session.user };
  else if (!restored) state = { status: 'loading' };
  else state = { status: 'anonymous' };

  return <AuthContext value={state}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  const state = use(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): User {
  const state = useAuth();
  if (state.status !== 'authenticated') throw new Error('useCurrentUser needs a signed-in user');
  return state.user;
}
