import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';

export function getUnreadCount(): Promise<{ count: number }> {
  return apiRequest<{ count: number }>('/api/notifications/unread-count');
}

export const unreadCountQueryKey = ['notifications', 'unread-count'] as const;

export function unreadCountQueryOptions() {
  return queryOptions({
    queryKey: unreadCountQueryKey,
    queryFn: getUnreadCount,
    select: (data) => data.count,
  });
}

/** The initial value; the socket's `unread_count` keeps it current afterwards. */
export function useUnreadCount() {
  return useQuery(unreadCountQueryOptions());
}
