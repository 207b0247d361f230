import { CalendarFeedSettings } from '@/features/calendar/components/calendar-feed-settings';
import { NotificationPreferencesSettings } from '@/features/notifications/components/notification-preferences';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /settings/notifications: every notification email links here, so the path stays. */
export function NotificationSettingsRoute() {
  useDocumentTitle('Notification settings');
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <NotificationPreferencesSettings />
      <CalendarFeedSettings />
    </div>
  );
}
