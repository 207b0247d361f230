import { NotificationFeed } from '@/features/notifications/components/notification-feed';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotificationsRoute() {
  useDocumentTitle('Notifications');
  return <NotificationFeed />;
}
