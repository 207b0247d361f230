import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError } from '@/components/ui/load-error';
import { PageSpinner } from '@/components/ui/spinner';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toaster';
import { errorMessage } from '@/lib/api-error';
import { useOnVisible } from '@/lib/use-on-visible';
import { useNotificationFeed } from '../api/get-notification-feed';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkAllNotificationsRead } from '../api/mark-all-read';
import { NotificationItem, useOpenNotification } from './notification-item';

/** The filter lives in the address, so a reload or a shared link keeps it. */
const UNREAD_PARAM = 'unread';

/** The notifications page: everything, newest first, more as you scroll; new ones arrive on top. */
export function NotificationFeed() {
  const [searchParams, setSearchParams] = useSearchParams();
  const unreadOnly = searchParams.get(UNREAD_PARAM) === '1';
  const feed = useNotificationFeed(unreadOnly);
  const unread = useUnreadCount().data ?? 0;
  const showToast = useToast();
  const markAllRead = useMarkAllNotificationsRead({
    mutationConfig: {
      onError: (error) => showToast({ tone: 'error', title: 'Could not mark all read', body: errorMessage(error) }),
    },
  });
  const openNotification = useOpenNotification();

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;
  const sentinel = useOnVisible(() => void fetchNextPage(), hasNextPage && !isFetchingNextPage && !feed.isError);

  const setUnreadOnly = (on: boolean) =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (on) next.set(UNREAD_PARAM, '1');
        else next.delete(UNREAD_PARAM);
        return next;
      },
      { replace: true },
    );

  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        <div className="flex flex-wrap items-center gap-3">
          <label className="inline-flex items-center gap-2 text-sm font-medium text-gray-700 dark:text-gray-300">
            <Switch checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
            Unread only
          </label>
          <Button
            variant="secondary"
            size="sm"
            disabled={unread === 0}
            loading={markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
          >
            Mark all read
          </Button>
        </div>
      </div>

      {feed.isPending && <PageSpinner label="Loading notifications" />}
      {feed.isError && !feed.data && (
        <LoadError what="your notifications" error={feed.error} onRetry={() => void feed.refetch()} />
      )}
      {feed.data && items.length === 0 && <EmptyFeed unreadOnly={unreadOnly} onShowAll={() => setUnreadOnly(false)} />}
      {items.length > 0 && (
        <Card className="overflow-hidden">
          <ul
            aria-label={unreadOnly ? 'Unread notifications' : 'All notifications'}
            className="divide-y divide-gray-100 dark:divide-gray-800"
          >
            {items.map((notification) => (
              <li key={notification.id}>
                <NotificationItem notification={notification} onOpen={openNotification} />
              </li>
            ))}
          </ul>
        </Card>
      )}

      {feed.isFetchNextPageError && <Alert>Could not load more. {errorMessage(feed.error)}</Alert>}
      {hasNextPage && (
        <div ref={sentinel} className="flex justify-center">
          <Button variant="secondary" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
      {feed.data && !hasNextPage && items.length > 0 && (
        <p className="text-center text-sm text-gray-500 dark:text-gray-400">That's all of them.</p>
      )}
    </div>
  );
}

function EmptyFeed({ unreadOnly, onShowAll }: { unreadOnly: boolean; onShowAll: () => void }) {
  return (
    <Card className="px-6 py-10 text-center">
      {unreadOnly ? (
        <>
          <h2 className="text-base font-semibold">Nothing unread</h2>
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">You're all caught up.</p>
          <Button variant="secondary" size="sm" className="mt-4" onClick={onShowAll}>
            Show all notifications
          </Button>
        </>
      ) : (
        <>
          <h2 className="text-base font-semibold">No notifications yet</h2>
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
            You'll hear here when someone assigns you a task or moves one of yours, and when a reminder is due.
          </p>
          <Link
            to="/settings/notifications"
            className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
          >
            Choose what you're told about
          </Link>
        </>
      )}
    </Card>
  );
}
