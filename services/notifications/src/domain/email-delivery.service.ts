import { createHash, randomUUID } from 'node:crypto';
import type { DirectoryRepository } from '../data/directory.repository';
import type { ClaimedRecipient, EmailOutboxRepository, ItemsClaim } from '../data/email-outbox.repository';
import { EmailChannelUnavailableError, type EmailChannel, type EmailNotification } from './email.port';
import { emailsAlone } from './notification.rules';

export interface EmailDeliveryOptions {
  /** How long a claim protects a recipient's email from other instances; longer than any one send. */
  leaseMs: number;
  /** Recipients one dispatch round takes on at once. */
  recipientsPerRound: number;
  /** Notifications in one email at most; more go out in the next one straight after. */
  maxPerEmail: number;
  /** Retries after a failed send: base × 2^attempts, ±20 %, capped. */
  backoff: { baseMs: number; capMs: number };
}

export const DEFAULT_EMAIL_DELIVERY: EmailDeliveryOptions = {
  leaseMs: 60_000,
  recipientsPerRound: 16,
  maxPerEmail: 100,
  backoff: { baseMs: 5_000, capMs: 10 * 60_000 },
};

/** Why a recipient's email did not go out this time; it stays in the outbox either way. */
export type DeliveryFailure = 'smtp' | 'circuit_open' | 'no_recipient' | 'internal';

export interface DispatchReport {
  /** Recipients claimed this round; a full round means more may be due. */
  claimed: number;
  sent: number;
  failed: { reason: DeliveryFailure; userId: string; message: string }[];
}

/**
 * The delay before the next try after `attempts` failed ones. Jittered so that recipients who failed
 * together do not all come back in the same instant when the server recovers.
 */
export function retryDelayMs(
  attempts: number,
  { baseMs, capMs }: EmailDeliveryOptions['backoff'],
  random: () => number = Math.random,
): number {
  const exponential = baseMs * 2 ** Math.min(Math.max(0, attempts), 30);
  return Math.round(Math.min(capMs, exponential) * (0.8 + 0.4 * random()));
}

/** The Message-ID key of an email: the notification's id, or a digest of the batch's ids. */
export function messageKeyOf(ids: string[]): string {
  if (ids.length === 1) return `n.${ids[0]}`;
  return `b.${createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 40)}`;
}

/**
 * What of a recipient's claimed items (in the order they came due) goes in this email: an item that
 * is an email of its own (the digest) alone when it came due first, else everything but such items.
 * What stays behind is still due, so the next round sends it, right after this one.
 */
export function nextEmailOf<T extends { notification: EmailNotification }>(items: T[]): T[] {
  const [first] = items;
  if (first && emailsAlone(first.notification.type)) return [first];
  return items.filter((item) => !emailsAlone(item.notification.type));
}

export interface EmailDeliveryDeps {
  outbox: EmailOutboxRepository;
  directory: DirectoryRepository;
  channel: EmailChannel;
  options?: Partial<EmailDeliveryOptions>;
}

type Outcome = { sent: true } | { sent: false; reason: DeliveryFailure; message: string } | null;

/**
 * Sends what the email outbox holds, exactly once per notification: claim due recipients from the
 * index, lease each recipient's items, send them as one email, then mark them sent. Two instances
 * never hold the same lease; one that dies mid-send leaves a lease that expires, and another takes
 * the items over. A failure leaves the items where they are, to be tried again after a back-off.
 */
export function createEmailDeliveryService({ outbox, directory, channel, options = {} }: EmailDeliveryDeps) {
  const opts: EmailDeliveryOptions = { ...DEFAULT_EMAIL_DELIVERY, ...options };
  const backoff = (attempts: number) => retryDelayMs(attempts, opts.backoff);

  async function send(
    userId: string,
    token: string,
    claim: Extract<ItemsClaim, { kind: 'claimed' }>,
  ): Promise<{ outcome: Outcome; next: number }> {
    const items = nextEmailOf(
      claim.items.map((item) => ({ id: item.id, notification: JSON.parse(item.json) as EmailNotification })),
    );
    const ids = items.map((item) => item.id);
    const user = await directory.findUser(userId);
    if (!user?.email) {
      // The user event may still be on its way (it can arrive after the task event): keep and retry.
      const next = await outbox.release(userId, token, backoff(claim.attempts), true);
      return { outcome: { sent: false, reason: 'no_recipient', message: 'recipient not in the directory yet' }, next };
    }
    const notifications = items
      .map((item) => item.notification)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    try {
      await channel.send({ to: { name: user.name, email: user.email }, notifications, messageKey: messageKeyOf(ids) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof EmailChannelUnavailableError) {
        const next = await outbox.release(userId, token, err.retryAfterMs, false);
        return { outcome: { sent: false, reason: 'circuit_open', message }, next };
      }
      const next = await outbox.release(userId, token, backoff(claim.attempts), true);
      return { outcome: { sent: false, reason: 'smtp', message }, next };
    }
    return { outcome: { sent: true }, next: await outbox.complete(userId, token, ids) };
  }

  async function deliverTo(recipient: ClaimedRecipient): Promise<Outcome> {
    const token = randomUUID();
    const claim = await outbox.claimItems(recipient.userId, token, opts.leaseMs, opts.maxPerEmail);
    let result: { outcome: Outcome; next: number };
    switch (claim.kind) {
      case 'busy':
        result = { outcome: null, next: claim.until };
        break;
      case 'later':
        result = { outcome: null, next: claim.due };
        break;
      case 'empty':
        result = { outcome: null, next: -1 };
        break;
      default:
        result = await send(recipient.userId, token, claim);
    }
    await outbox.reschedule(recipient, result.next);
    return result.outcome;
  }

  return {
    /** One round: every recipient whose email is due (up to `recipientsPerRound`), in parallel. */
    async dispatchDue(): Promise<DispatchReport> {
      const claimed = await outbox.claimRecipients(opts.leaseMs, opts.recipientsPerRound);
      const settled = await Promise.allSettled(claimed.map(deliverTo));
      const report: DispatchReport = { claimed: claimed.length, sent: 0, failed: [] };
      settled.forEach((result, i) => {
        const userId = claimed[i]!.userId;
        if (result.status === 'rejected') {
          // Redis failed mid-way: the claim's lease runs out and the recipient is taken up again.
          report.failed.push({ reason: 'internal', userId, message: (result.reason as Error).message });
        } else if (result.value?.sent) {
          report.sent += 1;
        } else if (result.value) {
          report.failed.push({ userId, reason: result.value.reason, message: result.value.message });
        }
      });
      return report;
    },

    /** Whether a round took as many recipients as it may, so more may be due right now. */
    wasFull: (report: DispatchReport) => report.claimed >= opts.recipientsPerRound,

    /** Notifications waiting to be emailed (the /metrics queue depth). */
    pendingCount: () => outbox.pendingCount(),
  };
}

export type EmailDeliveryService = ReturnType<typeof createEmailDeliveryService>;
