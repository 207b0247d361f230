import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NotificationPreferences } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { updateQueryOptimistically } from '@/lib/optimistic-update';
import { notificationPreferencesQueryKey } from './get-notification-preferences';

/** The PUT replaces the whole object, so every change sends every switch. */
export function updateNotificationPreferences(preferences: NotificationPreferences): Promise<NotificationPreferences> {
  return apiRequest('/api/notifications/preferences', {
    method: 'PUT',
    body: preferences,
    schema: NotificationPreferences,
  });
}

const mutationKey = ['notifications', 'preferences', 'update'] as const;

/**
 * Optimistic: the switch moves at once and moves back if the server refuses. While a later change
 * is on its way, an earlier answer must not overwrite it: the last change to settle has the say.
 */
export function useUpdateNotificationPreferences({
  mutationConfig,
}: MutationHookOptions<NotificationPreferences, NotificationPreferences> = {}) {
  const queryClient = useQueryClient();
  const queryKey = notificationPreferencesQueryKey;
  // Counted from inside this mutation's own callbacks, while it is still pending itself.
  const othersPending = () => queryClient.isMutating({ mutationKey }) > 1;
  return useMutation(
    withMutationConfig(
      {
        mutationKey,
        mutationFn: updateNotificationPreferences,
        onMutate: (preferences) => updateQueryOptimistically(queryClient, queryKey, () => preferences),
        onSuccess: (saved) => {
          if (!othersPending()) queryClient.setQueryData(queryKey, saved);
        },
        onError: (_error, _preferences, restore) => {
          if (othersPending()) void queryClient.invalidateQueries({ queryKey });
          else restore?.();
        },
      },
      mutationConfig,
    ),
  );
}
