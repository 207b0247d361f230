import { queryOptions, useQuery } from '@tanstack/react-query';
import { listOf, Notification } from '@taskflow/contracts/api';
import type { z } from 'zod';
import { apiRequest } from '@/lib/api-client';

const NotificationPage = listOf(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const LATEST_NOTIFICATIONS = 20;

export function getNotifications(limit = LATEST_NOTIFICATIONS): Promise<NotificationPage> {
  return apiRequest('/api/notifications', { query: { limit }, schema: NotificationPage });
}

export const notificationsQueryKey = ['notifications', 'latest'] as const;

export function notificationsQueryOptions() {
  return queryOptions({ queryKey: notificationsQueryKey, queryFn: () => getNotifications() });
}

export function useNotifications(options: { enabled?: boolean } = {}) {
  return useQuery({ ...notificationsQueryOptions(), enabled: options.enabled ?? true });
}
