import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@taskflow/contracts/api';
import { useToast } from '@/components/ui/toaster';
import { onServerEvent } from '@/lib/socket';
import { useSocket } from '@/lib/socket-provider';
import { unreadCountQueryKey } from '../api/get-unread-count';
import { addLiveNotification } from '../api/notification-cache';

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
      addLiveNotification(queryClient, notification);
      onNotificationRef.current?.(notification);
      showToast({ title: notification.title, body: notification.body });
    };

    const stops = [
      onServerEvent(socket, 'unread_count', onUnreadCount),
      onServerEvent(socket, 'notification', onNotification),
    ];
    return () => stops.forEach((stop) => stop());
  }, [socket, queryClient, showToast]);
}
