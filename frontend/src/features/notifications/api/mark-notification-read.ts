import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { unreadCountQueryKey, type UnreadCount } from './get-unread-count';
import { isCachedUnread, updateCachedNotifications } from './notification-cache';

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
          const wasUnread = isCachedUnread(queryClient, id);
          const readAt = new Date().toISOString();
          const restoreLists = await updateCachedNotifications(queryClient, (n) =>
            n.id === id && n.readAt === null ? { ...n, readAt } : n,
          );
          if (wasUnread) {
            queryClient.setQueryData<UnreadCount>(unreadCountQueryKey, (old) =>
              old ? { count: Math.max(0, old.count - 1) } : old,
            );
          }
          return { restoreLists, wasUnread };
        },
        onError: (_error, _id, context) => {
          context?.restoreLists();
          // Ask the server for the count rather than add one back: pushes may have moved it meanwhile.
          if (context?.wasUnread) void queryClient.invalidateQueries({ queryKey: unreadCountQueryKey });
        },
      },
      mutationConfig,
    ),
  );
}
