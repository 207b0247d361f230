import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '@/components/ui/spinner';
import { useAuth } from './auth-provider';

export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <PageSpinner label="Restoring your session" />;
  if (auth.status === 'anonymous') {
    const from = location.pathname + location.search;
    return <Navigate to={`/login?from=${encodeURIComponent(from)}`} replace />;
  }
  return children;
}

/** For login/register: a signed-in visitor goes where they were heading. */
export function RedirectIfAuthenticated({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <PageSpinner label="Restoring your session" />;
  if (auth.status === 'authenticated') return <Navigate to={safeRedirect(location.search)} replace />;
  return children;
}

/** Only same-app paths, so ?from= cannot send a user to another site. */
export function safeRedirect(search: string): string {
  const from = new URLSearchParams(search).get('from');
  return from && from.startsWith('/') && !from.startsWith('//') ? from : '/projects';
}
