import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { notificationsQueryKey, type NotificationPage } from './get-notifications';
import { unreadCountQueryKey } from './get-unread-count';

export function markNotificationRead(id: string): Promise<void> {
  return apiRequest<void>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: notificationsQueryKey });
      const previous = queryClient.getQueryData<NotificationPage>(notificationsQueryKey);
      const wasUnread = previous?.items.some((n) => n.id === id && n.readAt === null) ?? false;
      if (previous) {
        const readAt = new Date().toISOString();
        queryClient.setQueryData<NotificationPage>(notificationsQueryKey, {
          ...previous,
          items: previous.items.map((n) => (n.id === id && n.readAt === null ? { ...n, readAt } : n)),
        });
      }
      if (wasUnread) {
        queryClient.setQueryData<{ count: number }>(unreadCountQueryKey, (old) =>
          old ? { count: Math.max(0, old.count - 1) } : old,
        );
      }
      return { previous, wasUnread };
    },
    onError: (_error, _id, context) => {
      if (context?.previous) queryClient.setQueryData(notificationsQueryKey, context.previous);
      if (context?.wasUnread) void queryClient.invalidateQueries({ queryKey: unreadCountQueryKey });
    },
  });
}
