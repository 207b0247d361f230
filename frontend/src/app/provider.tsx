import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { ToastProvider } from '@/components/ui/toaster';
import { AuthProvider, useAuth } from '@/features/auth/components/auth-provider';
import { queryClient } from '@/lib/query-client';
import { SocketProvider } from '@/lib/socket-provider';

function AuthenticatedSocket({ children }: { children: ReactNode }) {
  const auth = useAuth();
  return <SocketProvider userId={auth.status === 'authenticated' ? auth.user.id : null}>{children}</SocketProvider>;
}

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <AuthProvider>
          <AuthenticatedSocket>{children}</AuthenticatedSocket>
        </AuthProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
