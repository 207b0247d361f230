import type { QueryClient } from '@tanstack/react-query';
import type { Notification } from '@taskflow/contracts/api';
import { notificationFeedsQueryKey, type NotificationFeed } from './get-notification-feed';
import { LATEST_NOTIFICATIONS, notificationsQueryKey, type NotificationPage } from './get-notifications';

/*
 * A notification can be cached twice: in the bell's latest page and in the notifications page's
 * lists. Reading it in one place must show it read in the other, and a live one belongs at the top
 * of both, so every change to cached notifications goes through here.
 */

const withItems = (page: NotificationPage, items: Notification[]): NotificationPage => ({ ...page, items });

function cachedFeeds(queryClient: QueryClient) {
  return queryClient.getQueriesData<NotificationFeed>({ queryKey: notificationFeedsQueryKey });
}

/**
 * For a mutation's onMutate: applies `change` to every cached notification at once, and returns
 * what puts them all back. Fetches in flight are cancelled first so an older answer cannot undo it.
 */
export async function updateCachedNotifications(
  queryClient: QueryClient,
  change: (notification: Notification) => Notification,
): Promise<() => void> {
  await Promise.all([
    queryClient.cancelQueries({ queryKey: notificationsQueryKey }),
    queryClient.cancelQueries({ queryKey: notificationFeedsQueryKey }),
  ]);
  const latest = queryClient.getQueryData<NotificationPage>(notificationsQueryKey);
  const feeds = cachedFeeds(queryClient);
  const changed = (page: NotificationPage) => withItems(page, page.items.map(change));

  if (latest) queryClient.setQueryData(notificationsQueryKey, changed(latest));
  for (const [queryKey, feed] of feeds) {
    if (feed) queryClient.setQueryData<NotificationFeed>(queryKey, { ...feed, pages: feed.pages.map(changed) });
  }
  return () => {
    if (latest) queryClient.setQueryData(notificationsQueryKey, latest);
    for (const [queryKey, feed] of feeds) if (feed) queryClient.setQueryData(queryKey, feed);
  };
}

/** Whether any cache holds the notification as unread. */
export function isCachedUnread(queryClient: QueryClient, id: string): boolean {
  const pages = [
    queryClient.getQueryData<NotificationPage>(notificationsQueryKey),
    ...cachedFeeds(queryClient).flatMap(([, feed]) => feed?.pages ?? []),
  ];
  return pages.some((page) => page?.items.some((n) => n.id === id && n.readAt === null));
}

/** A notification pushed live goes on top of every cached list that does not have it yet. */
export function addLiveNotification(queryClient: QueryClient, notification: Notification): void {
  const isNew = (items: Notification[]) => !items.some((n) => n.id === notification.id);

  const latest = queryClient.getQueryData<NotificationPage>(notificationsQueryKey);
  if (!latest) void queryClient.invalidateQueries({ queryKey: notificationsQueryKey });
  else if (isNew(latest.items)) {
    const items = [notification, ...latest.items].slice(0, LATEST_NOTIFICATIONS);
    queryClient.setQueryData(notificationsQueryKey, withItems(latest, items));
  }

  for (const [queryKey, feed] of cachedFeeds(queryClient)) {
    const [first, ...rest] = feed?.pages ?? [];
    if (!feed || !first || !feed.pages.every((page) => isNew(page.items))) continue;
    queryClient.setQueryData<NotificationFeed>(queryKey, {
      ...feed,
      pages: [withItems(first, [notification, ...first.items]), ...rest],
    });
  }
}
