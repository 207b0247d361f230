import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@taskflow/contracts/api';
import { useToast } from '@/components/ui/toaster';
import { useSocket } from '@/lib/socket-provider';
import { LATEST_NOTIFICATIONS, notificationsQueryKey, type NotificationPage } from '../api/get-notifications';
import { unreadCountQueryKey } from '../api/get-unread-count';

/**
 * Feeds socket pushes into the notification caches and toasts new arrivals. `onNotification` lets
 * the app react in other features' caches (this feature knows none of them).
 */
export function useLiveNotifications(onNotification?: (notification: Notification) => void): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const showToast = useToast();
  const onNotificationRef = useRef(onNotification);
  useEffect(() => {
    onNotificationRef.current = onNotification;
  });

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
      onNotificationRef.current?.(notification);
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
