import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { notificationsQueryKey, type NotificationPage } from './get-notifications';
import { unreadCountQueryKey } from './get-unread-count';

export function markAllNotificationsRead(): Promise<void> {
  return apiRequest<void>('/api/notifications/read-all', { method: 'POST' });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllNotificationsRead,
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: ['notifications'] });
      const previousList = queryClient.getQueryData<NotificationPage>(notificationsQueryKey);
      const previousCount = queryClient.getQueryData<{ count: number }>(unreadCountQueryKey);
      const readAt = new Date().toISOString();
      if (previousList) {
        queryClient.setQueryData<NotificationPage>(notificationsQueryKey, {
          ...previousList,
          items: previousList.items.map((n) => (n.readAt === null ? { ...n, readAt } : n)),
        });
      }
      queryClient.setQueryData<{ count: number }>(unreadCountQueryKey, { count: 0 });
      return { previousList, previousCount };
    },
    onError: (_error, _vars, context) => {
      if (context?.previousList) queryClient.setQueryData(notificationsQueryKey, context.previousList);
      if (context?.previousCount) queryClient.setQueryData(unreadCountQueryKey, context.previousCount);
    },
  });
}
