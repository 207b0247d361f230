import { useId } from 'react';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferences } from '@taskflow/contracts/api';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { LoadError } from '@/components/ui/load-error';
import { SectionSpinner } from '@/components/ui/spinner';
import { Switch } from '@/components/ui/switch';
import { errorMessage } from '@/lib/api-error';
import { useNotificationPreferences } from '../api/get-notification-preferences';
import { useUpdateNotificationPreferences } from '../api/update-notification-preferences';

// Typed by the contracts' enum: a kind added there fails the typecheck until it has its words here.
const KIND_LABEL: Record<NotificationKind, string> = {
  assigned: 'Assigned to you',
  statusChanges: 'Status changes',
  comments: 'Comments',
  reminders: 'Reminders',
  overdueDigest: 'Overdue digest',
};

const KIND_HINT: Record<NotificationKind, string> = {
  assigned: 'Someone assigns you a task.',
  statusChanges: 'A task you created or are assigned moves to another column.',
  comments: 'Someone comments on a task of yours.',
  reminders: 'A task is coming due, at the times chosen on the task.',
  overdueDigest: 'Each morning at 9, one email listing your overdue tasks.',
};

type Channel = keyof NotificationPreferences;

const CHANNELS: ReadonlyArray<{ channel: Channel; label: string; phrase: string }> = [
  { channel: 'inApp', label: 'In app', phrase: 'in app' },
  { channel: 'email', label: 'Email', phrase: 'by email' },
];

/** The digest is a summary email; in the bell it would repeat what the board already shows. */
const emailOnly = (kind: NotificationKind) => kind === 'overdueDigest';

/** Which notifications reach the user, per channel. Each switch saves at once. */
export function NotificationPreferencesSettings() {
  const preferences = useNotificationPreferences();
  const save = useUpdateNotificationPreferences();
  const headingId = useId();
  const footnoteId = useId();

  const toggle = (current: NotificationPreferences, channel: Channel, kind: NotificationKind, on: boolean) =>
    save.mutate({ ...current, [channel]: { ...current[channel], [kind]: on } });

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold">
        Notifications
      </h2>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        Choose what reaches you in TaskFlow and by email. Each change is saved at once.
      </p>
      <Card className="mt-3 overflow-hidden">
        {preferences.isPending && <SectionSpinner label="Loading your notification settings" />}
        {preferences.isError && !preferences.data && (
          <LoadError
            what="your notification settings"
            error={preferences.error}
            onRetry={() => void preferences.refetch()}
            className="m-4"
          />
        )}
        {preferences.data && (
          <table className="w-full text-sm">
            <caption className="sr-only">Notifications by kind, in app and by email</caption>
            <thead className="bg-gray-50 text-xs font-semibold tracking-wide text-gray-600 uppercase dark:bg-gray-800/60 dark:text-gray-300">
              <tr>
                <th scope="col" className="px-4 py-2.5 text-left">
                  Notification
                </th>
                {CHANNELS.map(({ channel, label }) => (
                  <th key={channel} scope="col" className="w-20 px-2 py-2.5 text-center sm:w-28">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
              {NOTIFICATION_KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <span className="block font-medium">{KIND_LABEL[kind]}</span>
                    <span className="mt-0.5 block text-xs text-gray-600 dark:text-gray-400">{KIND_HINT[kind]}</span>
                  </th>
                  {CHANNELS.map(({ channel, phrase }) => (
                    <td key={channel} className="px-2 py-3 text-center align-middle">
                      {channel === 'inApp' && emailOnly(kind) ? (
                        <span aria-describedby={footnoteId} className="text-gray-500 dark:text-gray-400">
                          <span aria-hidden>—</span>
                          <span className="sr-only">Email only</span>
                        </span>
                      ) : (
                        <Switch
                          aria-label={`${KIND_LABEL[kind]} ${phrase}`}
                          checked={preferences.data[channel][kind]}
                          onChange={(e) => toggle(preferences.data, channel, kind, e.target.checked)}
                        />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <div className="mt-2 flex flex-col gap-2">
        <p id={footnoteId} className="text-xs text-gray-600 dark:text-gray-400">
          The overdue digest is email only: in the app, overdue tasks are marked on the board.
        </p>
        <p role="status" className="min-h-5 text-sm text-gray-700 dark:text-gray-300">
          {save.isPending && 'Saving…'}
          {save.isSuccess && (
            <>
              <span aria-hidden>✓ </span>Saved
            </>
          )}
        </p>
        {save.isError && (
          <Alert>Your change was not saved, so the switch is back as it was. {errorMessage(save.error)}</Alert>
        )}
      </div>
    </section>
  );
}
