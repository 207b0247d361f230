import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { updateQueryOptimistically } from '@/lib/optimistic-update';
import { notificationsQueryKey, type NotificationPage } from './get-notifications';
import { unreadCountQueryKey, type UnreadCount } from './get-unread-count';

export function markNotificationRead(id: string): Promise<void> {
  return apiRequest(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function useMarkNotificationRead({ mutationConfig }: MutationHookOptions<void, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: markNotificationRead,
        onMutate: async (id: string) => {
          const wasUnread =
            queryClient
              .getQueryData<NotificationPage>(notificationsQueryKey)
              ?.items.some((n) => n.id === id && n.readAt === null) ?? false;
          const readAt = new Date().toISOString();
          const restoreList = await updateQueryOptimistically<NotificationPage>(
            queryClient,
            notificationsQueryKey,
            (old) =>
              old && { ...old, items: old.items.map((n) => (n.id === id && n.readAt === null ? { ...n, readAt } : n)) },
          );
          if (wasUnread) {
            queryClient.setQueryData<UnreadCount>(unreadCountQueryKey, (old) =>
              old ? { count: Math.max(0, old.count - 1) } : old,
            );
          }
          return { restoreList, wasUnread };
        },
        onError: (_error, _id, context) => {
          context?.restoreList();
          // Ask the server for the count rather than add one back: pushes may have moved it meanwhile.
          if (context?.wasUnread) void queryClient.invalidateQueries({ queryKey: unreadCountQueryKey });
        },
      },
      mutationConfig,
    ),
  );
}
