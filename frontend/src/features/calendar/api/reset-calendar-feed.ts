import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CalendarFeed } from '@taskflow/contracts/api';
import { apiRequest } from '@/lib/api-client';
import { withMutationConfig, type MutationHookOptions } from '@/lib/mutation-config';
import { calendarFeedQueryKey } from './get-calendar-feed';

/** A new address; the old one stops working. */
export function resetCalendarFeed(): Promise<CalendarFeed> {
  return apiRequest('/api/calendar/feed', { method: 'POST', schema: CalendarFeed });
}

export function useResetCalendarFeed({ mutationConfig }: MutationHookOptions<CalendarFeed, void> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    withMutationConfig(
      {
        mutationFn: resetCalendarFeed,
        onSuccess: (feed) => queryClient.setQueryData(calendarFeedQueryKey, feed),
      },
      mutationConfig,
    ),
  );
}
