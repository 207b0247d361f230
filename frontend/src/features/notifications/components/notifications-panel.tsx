import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { SectionSpinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';
import { useNotifications } from '../api/get-notifications';
import { useMarkAllNotificationsRead } from '../api/mark-all-read';
import { NotificationItem, useOpenNotification } from './notification-item';

export const NOTIFICATIONS_PATH = '/notifications';

type Props = { id: string; unread: number; onClose: () => void };

export function NotificationsPanel({ id, unread, onClose }: Props) {
  const notifications = useNotifications();
  const markAllRead = useMarkAllNotificationsRead();
  const openNotification = useOpenNotification(onClose);

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
      <div className="max-h-[min(28rem,60vh)] overflow-y-auto">
        {notifications.isPending && <SectionSpinner label="Loading notifications" />}
        {notifications.isError && (
          <p className="p-4 text-sm text-red-600 dark:text-red-400">{errorMessage(notifications.error)}</p>
        )}
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
      <div className="border-t border-gray-200 px-4 py-2 text-center dark:border-gray-800">
        <Link
          to={NOTIFICATIONS_PATH}
          onClick={onClose}
          className="inline-block rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
        >
          See all notifications
        </Link>
      </div>
    </div>
  );
}
