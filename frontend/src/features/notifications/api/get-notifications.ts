import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Notification } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export type NotificationPage = { items: Notification[]; nextCursor: string | null };

export const LATEST_NOTIFICATIONS = 20;

export function getNotifications(limit = LATEST_NOTIFICATIONS): Promise<NotificationPage> {
  return apiRequest<NotificationPage>('/api/notifications', { query: { limit } });
}

export const notificationsQueryKey = ['notifications', 'latest'] as const;

export function notificationsQueryOptions() {
  return queryOptions({ queryKey: notificationsQueryKey, queryFn: () => getNotifications() });
}

export function useNotifications(options: { enabled?: boolean } = {}) {
  return useQuery({ ...notificationsQueryOptions(), enabled: options.enabled ?? true });
}
