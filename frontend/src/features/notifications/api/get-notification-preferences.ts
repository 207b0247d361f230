import { queryOptions, useQuery } from '@tanstack/react-query';
import { NotificationPreferences } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

export function getNotificationPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return apiRequest('/api/notifications/preferences', { signal, schema: NotificationPreferences });
}

export const notificationPreferencesQueryKey = ['notifications', 'preferences'] as const;

export function notificationPreferencesQueryOptions() {
  return queryOptions({
    queryKey: notificationPreferencesQueryKey,
    queryFn: ({ signal }) => getNotificationPreferences(signal),
  });
}

export function useNotificationPreferences() {
  return useQuery(notificationPreferencesQueryOptions());
}
