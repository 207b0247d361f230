import { useMutation } from '@tanstack/react-query';
import type { AuthResponse } from '@taskflow/contracts/api';
import { startSession } from '@/lib/auth-session';
import { withMutationConfig, type MutationConfig } from '@/lib/mutation-config';

/** Register and log in answer alike: a session to start before the caller moves on. */
export function useSessionMutation<TBody>(
  mutationFn: (body: TBody) => Promise<AuthResponse>,
  mutationConfig?: MutationConfig<AuthResponse, TBody>,
) {
  return useMutation(
    withMutationConfig(
      {
        mutationFn,
        onSuccess: (response) => {
          startSession(response);
        },
      },
      mutationConfig,
    ),
  );
}
