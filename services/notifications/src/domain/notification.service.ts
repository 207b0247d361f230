import { randomBytes } from 'node:crypto';
import type { Notification } from '@taskflow/contracts/api';
import { notFound } from '@taskflow/service-kit/errors';
import {
  isNotificationId,
  newNotificationId,
  type NotificationPage,
  type NotificationRepository,
} from '../data/notification.repository';
import type { EmailOutboxRepository } from '../data/email-outbox.repository';
import type { EmailNotification } from './email.port';
import { emailsAtOnce, type Channels, type NotificationDraft } from './notification.rules';
import type { Pusher } from './push.port';

/** Whether a string can be a notification id (and so a list cursor). */
export { isNotificationId };

export interface NotificationServiceDeps {
  notifications: NotificationRepository;
  emailOutbox: EmailOutboxRepository;
  pusher: Pusher;
  /** How long a recipient's first pending email waits for others to join it. */
  emailBatchMs: number;
  now?: () => number;
}

/**
 * The bell and the email outbox: store notifications once, list them, mark them read, keep every
 * open tab's count true, and hand email to the dispatcher.
 */
export function createNotificationService({
  notifications,
  emailOutbox,
  pusher,
  emailBatchMs,
  now = Date.now,
}: NotificationServiceDeps) {
  // Orders notifications created in the same millisecond by this instance in creation order. The
  // random part comes from a buffer refilled every 1 024 ids: one randomBytes call per id was a
  // measurable share of the service's CPU per event.
  let sequence = 0;
  let random = Buffer.alloc(0);
  let randomAt = 0;
  const idSuffix = () => {
    sequence = (sequence + 1) % 0x10000;
    if (randomAt + 4 > random.length) {
      random = randomBytes(4096);
      randomAt = 0;
    }
    randomAt += 4;
    return sequence.toString(16).padStart(4, '0') + random.toString('hex', randomAt - 4, randomAt);
  };

  return {
    /** A page of the caller's notifications, newest first; `unreadOnly`: only the unread ones. */
    list(userId: string, limit: number, cursor?: string, unreadOnly = false): Promise<NotificationPage> {
      return notifications.page(userId, limit, cursor, unreadOnly);
    },

    unreadCount(userId: string): Promise<number> {
      return notifications.unreadCount(userId);
    },

    async markRead(userId: string, id: string): Promise<void> {
      // A malformed id cannot be one of the caller's notifications: same answer as an unknown one.
      if (!isNotificationId(id)) throw notFound('Notification');
      const wasUnread = await notifications.markRead(userId, id);
      if (wasUnread === null) throw notFound('Notification');
      if (wasUnread) pusher.toUser(userId, 'unread_count', { count: await notifications.unreadCount(userId) });
    },

    async markAllRead(userId: string): Promise<void> {
      const changed = await notifications.markAllRead(userId);
      if (changed > 0) pusher.toUser(userId, 'unread_count', { count: 0 });
    },

    /**
     * Stores a notification for one (`onceKey`, recipient) in the bell and/or the email outbox and,
     * if it is new to the bell, pushes it and the new count. `onceKey` is the event id, or what else
     * makes a notification one (`deliveryKeyOf`). A redelivered event finds its idempotency marker
     * and changes nothing, except that the recipient's pending email is indexed again, in case the
     * first delivery stopped between the two writes.
     */
    async deliver(
      onceKey: string,
      occurredAt: string,
      draft: NotificationDraft,
      actor: Notification['actor'],
      channels: Channels = { inApp: true, email: true },
    ): Promise<Notification | null> {
      if (channels.inApp === false && channels.email === false) return null;
      const occurred = Date.parse(occurredAt);
      const createdAtMs = Number.isFinite(occurred) && occurred <= now() ? occurred : now();
      const { recipientId, kind, ...content } = draft;
      const stored: EmailNotification = {
        id: newNotificationId(createdAtMs, idSuffix()),
        ...content,
        actor,
        createdAt: new Date(createdAtMs).toISOString(),
      };
      const { count, emailDue, inApp } = await notifications.insert(recipientId, onceKey, stored, {
        ...channels,
        emailDelayMs: emailsAtOnce(kind, draft.type) ? 0 : emailBatchMs,
      });
      // Pushed as soon as it is stored: indexing the email (another Redis slot, another round trip)
      // waits for no one but the ack, which the consumer sends only once this resolves.
      const notification: Notification | null = count === null || !inApp ? null : { ...stored, readAt: null };
      if (notification && count !== null) {
        pusher.toUser(recipientId, 'notification', notification);
        pusher.toUser(recipientId, 'unread_count', { count });
      }
      if (emailDue !== null) await emailOutbox.schedule(recipientId, emailDue);
      return notification;
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
