import type { EventType } from '@taskflow/contracts/events';
import type { EmailMessage } from '../domain/email.port';
import { assignedEmail } from './templates/assigned';
import { batchEmail } from './templates/batch';
import { commentEmail } from './templates/comment';
import {
  notificationTemplate,
  renderEmail,
  type EmailContext,
  type EmailTemplate,
  type NotificationEmailProps,
  type RenderedEmail,
} from './templates/layout';
import { memberAddedEmail } from './templates/member-added';
import { overdueDigestEmail } from './templates/overdue-digest';
import { passwordResetEmail } from './templates/password-reset';
import { reminderEmail } from './templates/reminder';
import { statusChangeEmail } from './templates/status-change';

const templates: Partial<Record<EventType, EmailTemplate<NotificationEmailProps>>> = {
  'task.assigned': assignedEmail,
  'task.updated': statusChangeEmail,
  'task.reminder_due': reminderEmail,
  'task.commented': commentEmail,
  'project.member_added': memberAddedEmail,
  'user.overdue_digest_due': overdueDigestEmail,
  'user.password_reset_requested': passwordResetEmail,
};
/** A notification type without a template of its own still gets a plain, correct email. */
const fallback = notificationTemplate({ action: 'Open in TaskFlow' });

/** `APP_URL` without a trailing slash, so `${base}${link}` keeps any path APP_URL has. */
const baseOf = (appUrl: string) => appUrl.replace(/\/+$/, '');

/** The page where people choose which emails they get. */
export const preferencesUrl = (appUrl: string) => `${baseOf(appUrl)}/settings/notifications`;

/** One notification in its own template; several in the batch template. */
export function renderNotificationEmail(message: EmailMessage, appUrl: string): RenderedEmail {
  const base = baseOf(appUrl);
  const context: EmailContext = {
    recipientName: message.to.name,
    appUrl: base,
    preferencesUrl: preferencesUrl(base),
  };
  const items = message.notifications.map((notification) => ({ notification, url: `${base}${notification.link}` }));
  if (items.length === 1) {
    const [item] = items as [NotificationEmailProps];
    return renderEmail(templates[item.notification.type as EventType] ?? fallback, item, context);
  }
  return renderEmail(batchEmail, { items }, context);
}
