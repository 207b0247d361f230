import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { updateQueryOptimistically } from '@/lib/optimistic-update';
import { unreadCountQueryKey, type UnreadCount } from './get-unread-count';
import { updateCachedNotifications } from './notification-cache';

export function markAllNotificationsRead(): Promise<void> {
  return apiRequest('/api/notifications/read-all', { method: 'POST' });
}

export function useMarkAllNotificationsRead({ mutationConfig }: MutationHookOptions<void, void> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: markAllNotificationsRead,
        onMutate: async () => {
          const readAt = new Date().toISOString();
          const restoreLists = await updateCachedNotifications(queryClient, (n) =>
            n.readAt === null ? { ...n, readAt } : n,
          );
          const restoreCount = await updateQueryOptimistically<UnreadCount>(queryClient, unreadCountQueryKey, () => ({
            count: 0,
          }));
          return () => {
            restoreLists();
            restoreCount();
          };
        },
        onError: (_error, _variables, restore) => restore?.(),
      },
      mutationConfig,
    ),
  );
}
