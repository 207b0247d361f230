import type { EventEnvelope } from '@taskflow/contracts/events';
import type { NotificationPlan } from './notification.rules';

/**
 * Emails about the account itself: sent to the address the account has whatever its preferences
 * say (they cannot be switched off), at once and alone, and never shown in the bell.
 */
export const ACCOUNT_EMAIL_TYPES: ReadonlySet<string> = new Set(['user.password_reset_requested']);

export const isAccountEmail = (type: string): boolean => ACCOUNT_EMAIL_TYPES.has(type);

/** The link's path and query: the email puts it under APP_URL, like every other link it carries. */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/reset-password';
  }
}

/** "Reset your TaskFlow password": a one-time link, with how long it works. */
export function planPasswordResetEmail(event: EventEnvelope<'user.password_reset_requested'>): NotificationPlan[] {
  const minutes = Math.max(1, Math.round((Date.parse(event.data.expiresAt) - Date.parse(event.occurredAt)) / 60_000));
  return [
    {
      recipientId: event.data.userId,
      type: event.type,
      kind: null,
      title: () => 'Reset your TaskFlow password',
      body:
        `Someone — hopefully you — asked to reset the password of your TaskFlow account. The link below ` +
        `works once, for ${minutes} minutes. If it was not you, ignore this email: your password stays as it is.`,
      link: pathOf(event.data.resetUrl),
      projectId: null,
      taskId: null,
    },
  ];
}
