import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@taskflow/contracts/api';
import { useToast } from '@/components/ui/toaster';
import { useSocket } from '@/lib/socket-provider';
import { LATEST_NOTIFICATIONS, notificationsQueryKey, type NotificationPage } from '../api/get-notifications';
import { unreadCountQueryKey } from '../api/get-unread-count';
import { projectsQueryKey } from '@/features/projects/api/get-projects';

/** Feeds socket pushes into the notification caches and toasts new arrivals. */
export function useLiveNotifications(): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const showToast = useToast();

  useEffect(() => {
    if (!socket) return;

    const onUnreadCount = ({ count }: { count: number }) => {
      // The push is newer than any request still in flight.
      void queryClient.cancelQueries({ queryKey: unreadCountQueryKey });
      queryClient.setQueryData<{ count: number }>(unreadCountQueryKey, { count });
    };

    const onNotification = (notification: Notification) => {
      const list = queryClient.getQueryData<NotificationPage>(notificationsQueryKey);
      if (list) {
        if (!list.items.some((n) => n.id === notification.id)) {
          queryClient.setQueryData<NotificationPage>(notificationsQueryKey, {
            ...list,
            items: [notification, ...list.items].slice(0, LATEST_NOTIFICATIONS),
          });
        }
      } else {
        void queryClient.invalidateQueries({ queryKey: notificationsQueryKey });
      }
      // Being added to a project changes what the projects page lists.
      if (notification.type === 'project.member_added')
        void queryClient.invalidateQueries({ queryKey: projectsQueryKey });
      showToast({ title: notification.title, body: notification.body });
    };

    socket.on('unread_count', onUnreadCount);
    socket.on('notification', onNotification);
    return () => {
      socket.off('unread_count', onUnreadCount);
      socket.off('notification', onNotification);
    };
  }, [socket, queryClient, showToast]);
}
