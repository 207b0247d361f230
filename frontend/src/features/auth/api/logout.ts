import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { endSession } from '@/lib/auth-session';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';

export function logout(): Promise<void> {
  return apiRequest('/api/auth/logout', { method: 'POST', auth: false });
}

export function useLogout({ mutationConfig }: MutationHookOptions<void, void> = {}) {
  return useMutation(
    withMutationConfig(
      {
        mutationFn: logout,
        // Forget the session locally even when the server could not be reached.
        onSettled: () => endSession(),
      },
      mutationConfig,
    ),
  );
}
