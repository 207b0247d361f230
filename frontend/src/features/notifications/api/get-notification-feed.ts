import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { getNotifications, type NotificationPage } from './get-notifications';

export const FEED_PAGE_SIZE = 20;

export type NotificationFeed = InfiniteData<NotificationPage, string | null>;

/** Every list of the notifications page (all, unread only): what a live or optimistic change updates. */
export const notificationFeedsQueryKey = ['notifications', 'feed'] as const;

export const notificationFeedQueryKey = (unreadOnly: boolean) =>
  [...notificationFeedsQueryKey, { unreadOnly }] as const;

/** The notifications page: every notification, newest first, a page at a time. */
export function notificationFeedQueryOptions(unreadOnly: boolean) {
  return infiniteQueryOptions({
    queryKey: notificationFeedQueryKey(unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      getNotifications({ limit: FEED_PAGE_SIZE, cursor: pageParam, unread: unreadOnly, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useNotificationFeed(unreadOnly: boolean) {
  return useInfiniteQuery(notificationFeedQueryOptions(unreadOnly));
}
