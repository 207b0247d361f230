import type { Notification } from '@taskflow/contracts/api';

/** A notification as an email shows it (read state is the bell's business). */
export type EmailNotification = Omit<Notification, 'readAt'>;

export interface EmailMessage {
  to: { name: string; email: string };
  /** Oldest first; one makes a single-notification email, several a batch. */
  notifications: EmailNotification[];
  /**
   * The same for the same notifications: it becomes the Message-ID, so should a message be sent
   * again (sent, but the instance died before marking it), a receiver sees the same message twice.
   */
  messageKey: string;
}

/**
 * What the domain needs of email. The SMTP mailer (src/mail) implements it: it renders the
 * templates and sends through a circuit breaker; the domain never sees nodemailer.
 */
export interface EmailChannel {
  /** Resolves once the server accepted the message; rejects on any failure (the caller retries). */
  send(message: EmailMessage): Promise<void>;
}

/** The channel did not try: its circuit is open. Retry after `retryAfterMs`; it is not the message's fault. */
export class EmailChannelUnavailableError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('the email channel is not taking messages right now');
  }
}
