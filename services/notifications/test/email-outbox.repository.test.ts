import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type Redis } from '@taskflow/service-kit/redis';
import { deleteRedisKeys, TEST_REDIS_URL, testRunId, waitFor } from '@taskflow/service-kit/testing';
import { createEmailOutboxRepository, type EmailOutboxRepository } from '../src/data/email-outbox.repository';
import { createNotificationRepository, type NotificationRepository } from '../src/data/notification.repository';
import { aStoredNotification } from './factories';

/** The outbox's Lua scripts against the real Redis: what makes "exactly once" hold between instances. */
const prefix = `taskflow-test-${testRunId()}:`;
let redis: Redis;
let outbox: EmailOutboxRepository;
let store: NotificationRepository;

beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, prefix);
  outbox = createEmailOutboxRepository(redis);
  store = createNotificationRepository(redis);
});

afterAll(async () => {
  await redis.quit();
  await deleteRedisKeys(prefix, TEST_REDIS_URL);
});

/** Enqueues one notification for email, due at once, and indexes its recipient as the service does. */
async function enqueue(userId: string, eventId = randomUUID(), inApp = true) {
  const result = await store.insert(userId, eventId, aStoredNotification(), { inApp, email: true, emailDelayMs: 0 });
  if (result.emailDue !== null) await outbox.schedule(userId, result.emailDue);
  return result;
}

describe('email outbox', () => {
  it('enqueues an (event, recipient) once however often it is delivered, with or without the bell', async () => {
    const userId = randomUUID();
    const eventId = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => enqueue(userId, eventId, false)));
    expect(results.filter((r) => r.count !== null)).toHaveLength(1);
    // A redelivery still learns when the pending email is due, to index it again.
    expect(results.every((r) => r.emailDue !== null)).toBe(true);
    expect(await store.unreadCount(userId)).toBe(0);
    const claim = await outbox.claimItems(userId, 'a', 60_000, 100);
    expect(claim.kind === 'claimed' && claim.items).toHaveLength(1);
  });

  it('asks for the index only when an insert moves the due, or on a redelivery', async () => {
    const userId = randomUUID();
    const insert = (eventId: string, emailDelayMs: number | null) =>
      store.insert(userId, eventId, aStoredNotification(), {
        inApp: true,
        email: emailDelayMs !== null,
        emailDelayMs: emailDelayMs ?? 0,
      });
    const [first, later, sooner] = [randomUUID(), randomUUID(), randomUUID()];
    const due = (await insert(first, 60_000)).emailDue;
    expect(due).not.toBeNull();
    // Due after the first pending item: the recipient is indexed for that one already.
    expect((await insert(later, 120_000)).emailDue).toBeNull();
    expect((await insert(randomUUID(), null)).emailDue).toBeNull();
    const soonerDue = (await insert(sooner, 0)).emailDue;
    expect(soonerDue).not.toBeNull();
    expect(soonerDue!).toBeLessThan(due!);
    // A redelivery may follow a first delivery that stopped before indexing: it always asks.
    expect(await insert(later, 120_000)).toEqual({ count: null, emailDue: soonerDue, inApp: false });
  });

  it('leases items to one sender; another gets them only once the lease has run out', async () => {
    const userId = randomUUID();
    await enqueue(userId);
    await enqueue(userId);
    const first = await outbox.claimItems(userId, 'dies-mid-send', 300, 100);
    expect(first.kind).toBe('claimed');
    expect(await outbox.claimItems(userId, 'other', 300, 100)).toMatchObject({ kind: 'busy' });

    const taken = await waitFor(
      async () => {
        const claim = await outbox.claimItems(userId, 'other', 60_000, 100);
        return claim.kind === 'claimed' ? claim : null;
      },
      { timeoutMs: 3000, what: 'the lease to run out' },
    );
    expect(taken.items.map((i) => i.id)).toEqual(first.kind === 'claimed' ? first.items.map((i) => i.id) : []);
    expect(
      await outbox.complete(
        userId,
        'other',
        taken.items.map((i) => i.id),
      ),
    ).toBe(-1);
    // The first sender coming back late changes nothing.
    expect(
      await outbox.complete(
        userId,
        'dies-mid-send',
        taken.items.map((i) => i.id),
      ),
    ).toBe(-1);
    expect(await outbox.claimItems(userId, 'third', 60_000, 100)).toEqual({ kind: 'empty' });
  });

  it('backs off after a failure and counts the attempt; an open circuit does not count', async () => {
    const userId = randomUUID();
    await enqueue(userId);
    await outbox.claimItems(userId, 'a', 60_000, 100);
    const due = await outbox.release(userId, 'a', 10_000, true);
    expect(due).toBeGreaterThan(Date.now() + 8_000);
    expect(await outbox.claimItems(userId, 'b', 60_000, 100)).toMatchObject({ kind: 'later', due });

    const other = randomUUID();
    await enqueue(other);
    await outbox.claimItems(other, 'a', 60_000, 100);
    await outbox.release(other, 'a', 0, true);
    await outbox.claimItems(other, 'a', 60_000, 100);
    await outbox.release(other, 'a', 0, false);
    expect(await outbox.claimItems(other, 'b', 60_000, 100)).toMatchObject({ kind: 'claimed', attempts: 1 });
  });

  it('never drops a recipient from the index while something was enqueued after the claim', async () => {
    const userId = randomUUID();
    await enqueue(userId);
    const claimed = (await outbox.claimRecipients(60_000, 1000)).find((c) => c.userId === userId);
    expect(claimed).toBeDefined();
    // Leased: a second round does not take the same recipient.
    expect((await outbox.claimRecipients(60_000, 1000)).some((c) => c.userId === userId)).toBe(false);

    const claim = await outbox.claimItems(userId, 'a', 60_000, 100);
    const ids = claim.kind === 'claimed' ? claim.items.map((i) => i.id) : [];
    const next = await outbox.complete(userId, 'a', ids);
    await enqueue(userId); // arrives between "nothing left" and the reschedule
    await outbox.reschedule(claimed!, next);
    expect((await outbox.claimRecipients(60_000, 1000)).some((c) => c.userId === userId)).toBe(true);
    expect(await outbox.pendingCount()).toBeGreaterThanOrEqual(1);
  });
});
