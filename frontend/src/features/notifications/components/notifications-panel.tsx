import { useNavigate } from 'react-router';
import type { Notification } from '@taskflow/contracts/api';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';
import { formatRelative } from '@/lib/format';
import { useNotifications } from '../api/get-notifications';
import { useMarkAllNotificationsRead } from '../api/mark-all-read';
import { useMarkNotificationRead } from '../api/mark-notification-read';

/** Links may be absolute (from emails, APP_URL) or app paths; stay inside the SPA either way. */
function toAppPath(link: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

type Props = { id: string; unread: number; onClose: () => void };

export function NotificationsPanel({ id, unread, onClose }: Props) {
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAllRead = useMarkAllNotificationsRead();
  const navigate = useNavigate();

  const openNotification = (notification: Notification) => {
    if (notification.readAt === null) markRead.mutate(notification.id);
    onClose();
    const path = toAppPath(notification.link);
    if (path) void navigate(path);
  };

  return (
    <div
      id={id}
      role="region"
      aria-label="Notifications"
      className={cn(
        'fixed inset-x-2 top-16 z-40 overflow-hidden rounded-xl border border-gray-200 bg-white shadow-xl',
        'sm:absolute sm:inset-x-auto sm:top-12 sm:right-0 sm:w-96',
        'dark:border-gray-800 dark:bg-gray-900',
      )}
    >
      <div className="flex items-center justify-between gap-2 border-b border-gray-200 px-4 py-2.5 dark:border-gray-800">
        <h2 className="text-sm font-semibold">Notifications</h2>
        <Button variant="ghost" size="sm" disabled={unread === 0} onClick={() => markAllRead.mutate()}>
          Mark all read
        </Button>
      </div>
      <div className="max-h-[min(28rem,70vh)] overflow-y-auto">
        {notifications.isPending && (
          <div className="flex justify-center p-6 text-indigo-600">
            <Spinner label="Loading notifications" />
          </div>
        )}
        {notifications.isError && <p className="p-4 text-sm text-red-600">{errorMessage(notifications.error)}</p>}
        {notifications.data?.items.length === 0 && (
          <p className="p-6 text-center text-sm text-gray-500 dark:text-gray-400">You're all caught up.</p>
        )}
        {notifications.data && notifications.data.items.length > 0 && (
          <ul className="divide-y divide-gray-100 dark:divide-gray-800">
            {notifications.data.items.map((notification) => (
              <li key={notification.id}>
                <NotificationItem notification={notification} onOpen={openNotification} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NotificationItem({ notification, onOpen }: { notification: Notification; onOpen: (n: Notification) => void }) {
  const unread = notification.readAt === null;
  return (
    <button
      type="button"
      onClick={() => onOpen(notification)}
      className={cn(
        'flex w-full gap-3 px-4 py-3 text-left hover:bg-gray-50 dark:hover:bg-gray-800/60',
        'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500',
        unread && 'bg-indigo-50/50 dark:bg-indigo-950/30',
      )}
    >
      <span
        aria-hidden
        className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-indigo-500' : 'bg-transparent')}
      />
      <span className="min-w-0 flex-1">
        <span
          className={cn('block text-sm', unread ? 'font-semibold' : 'font-medium text-gray-700 dark:text-gray-300')}
        >
          {unread && <span className="sr-only">Unread: </span>}
          {notification.title}
        </span>
        {notification.body && (
          <span className="mt-0.5 block truncate text-sm text-gray-600 dark:text-gray-400">{notification.body}</span>
        )}
        <time dateTime={notification.createdAt} className="mt-1 block text-xs text-gray-500 dark:text-gray-400">
          {formatRelative(notification.createdAt)}
        </time>
      </span>
    </button>
  );
}
