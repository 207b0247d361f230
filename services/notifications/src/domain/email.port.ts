import type { Notification } from '@taskflow/contracts/api';

/**
 * The overdue digest as its email shows it, ready to lay out: tasks grouped by project (the project
 * of the most overdue task first), every time already in the recipient's time zone, links relative
 * to the app.
 */
export interface OverdueDigest {
  projects: {
    name: string;
    link: string;
    tasks: { title: string; link: string; due: string; overdue: string }[];
  }[];
  /** The list reached the most one digest carries, so there may be more overdue tasks than it shows. */
  capped: boolean;
}

/**
 * A notification as an email shows it (read state is the bell's business). `digest` is set on the
 * overdue digest only: it lists more than a title and a body can.
 */
export type EmailNotification = Omit<Notification, 'readAt'> & { digest?: OverdueDigest };

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
