import { queryOptions, useQuery } from '@tanstack/react-query';
import { CalendarFeed } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';

/** The caller's private feed address; the server creates it the first time it is asked. */
export function getCalendarFeed(signal?: AbortSignal): Promise<CalendarFeed> {
  return apiRequest('/api/calendar/feed', { signal, schema: CalendarFeed });
}

export const calendarFeedQueryKey = ['calendar', 'feed'] as const;

export function calendarFeedQueryOptions() {
  return queryOptions({ queryKey: calendarFeedQueryKey, queryFn: ({ signal }) => getCalendarFeed(signal) });
}

export function useCalendarFeed() {
  return useQuery(calendarFeedQueryOptions());
}
