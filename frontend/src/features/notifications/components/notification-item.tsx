import { useCallback } from 'react';
import { Link } from 'react-router';
import type { Notification } from '@taskflow/contracts/api';
import { cn } from '@/components/ui/cn';
import { useToast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/api-error';
import { formatRelative } from '@/lib/format';
import { useMarkNotificationRead } from '../api/mark-notification-read';

/** Links may be absolute (from emails, APP_URL) or app paths; stay inside the SPA either way. */
export function toAppPath(link: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

/** What opening a notification does besides following its link: it is read now. */
export function useOpenNotification(afterOpen?: () => void): (notification: Notification) => void {
  const showToast = useToast();
  const { mutate: markRead } = useMarkNotificationRead({
    mutationConfig: {
      onError: (error) => showToast({ tone: 'error', title: 'Could not mark it read', body: errorMessage(error) }),
    },
  });
  return useCallback(
    (notification: Notification) => {
      if (notification.readAt === null) markRead(notification.id);
      afterOpen?.();
    },
    [markRead, afterOpen],
  );
}

type Props = { notification: Notification; onOpen: (notification: Notification) => void };

/** One notification: a link to what it is about (a button that only marks it read when it has none). */
export function NotificationItem({ notification, onOpen }: Props) {
  const unread = notification.readAt === null;
  const path = toAppPath(notification.link);
  const className = cn(
    'flex w-full gap-3 px-4 py-3 text-left hover:bg-gray-50 dark:hover:bg-gray-800/60',
    'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500',
    unread && 'bg-indigo-50/50 dark:bg-indigo-950/30',
  );
  const content = (
    <>
      <span
        aria-hidden
        className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-indigo-500' : 'bg-transparent')}
      />
      <span className="min-w-0 flex-1">
        <span
          className={cn(
            'block text-sm break-words',
            unread ? 'font-semibold' : 'font-medium text-gray-700 dark:text-gray-300',
          )}
        >
          {unread && <span className="sr-only">Unread: </span>}
          {notification.title}
        </span>
        {notification.body && (
          <span className="mt-0.5 line-clamp-2 block text-sm break-words text-gray-600 dark:text-gray-400">
            {notification.body}
          </span>
        )}
        <time dateTime={notification.createdAt} className="mt-1 block text-xs text-gray-500 dark:text-gray-400">
          {formatRelative(notification.createdAt)}
        </time>
      </span>
    </>
  );

  return path ? (
    <Link to={path} onClick={() => onOpen(notification)} className={className}>
      {content}
    </Link>
  ) : (
    <button type="button" onClick={() => onOpen(notification)} className={className}>
      {content}
    </button>
  );
}
