import { queryOptions, useQuery } from '@tanstack/react-query';
import { UnreadCount } from '@taskflow/contracts/api';
import type { z } from 'zod';
import { apiRequest } from '@/lib/api-client';

export type UnreadCount = z.infer<typeof UnreadCount>;

export function getUnreadCount(): Promise<UnreadCount> {
  return apiRequest('/api/notifications/unread-count', { schema: UnreadCount });
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
