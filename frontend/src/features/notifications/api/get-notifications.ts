import { queryOptions, useQuery } from '@tanstack/react-query';
import { listOf, Notification } from '@taskflow/contracts/api';
import type { z } from 'zod';
import { apiRequest } from '@/lib/api-client';

const NotificationPage = listOf(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const LATEST_NOTIFICATIONS = 20;

export type NotificationListParams = {
  limit?: number;
  cursor?: string | null;
  /** Only the unread ones. */
  unread?: boolean;
  signal?: AbortSignal;
};

/** One page of the caller's notifications, newest first. */
export function getNotifications({
  limit = LATEST_NOTIFICATIONS,
  cursor,
  unread,
  signal,
}: NotificationListParams = {}): Promise<NotificationPage> {
  return apiRequest('/api/notifications', {
    // `unread` is left out rather than sent as false, so the plain list is the plain request.
    query: { limit, cursor, unread: unread ? 'true' : undefined },
    signal,
    schema: NotificationPage,
  });
}

/** The bell's list: the latest page. */
export const notificationsQueryKey = ['notifications', 'latest'] as const;

export function notificationsQueryOptions() {
  return queryOptions({ queryKey: notificationsQueryKey, queryFn: ({ signal }) => getNotifications({ signal }) });
}

export function useNotifications(options: { enabled?: boolean } = {}) {
  return useQuery({ ...notificationsQueryOptions(), enabled: options.enabled ?? true });
}
