import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { endSession } from '@/lib/auth-session';

export function logout(): Promise<void> {
  return apiRequest<void>('/api/auth/logout', { method: 'POST', auth: false });
}

export function useLogout() {
  return useMutation({
    mutationFn: logout,
    // Forget the session locally even when the server could not be reached.
    onSettled: () => endSession(),
  });
}
