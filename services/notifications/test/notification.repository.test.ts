import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createRedis, type Redis } from '@taskflow/service-kit/redis';
import { TEST_REDIS_URL, testRunId } from '@taskflow/service-kit/testing';
import {
  createNotificationRepository,
  MAX_NOTIFICATIONS_PER_USER,
  NOTIFICATION_TTL_MS,
} from '../src/data/notification.repository';
import { preferencesKey } from '../src/data/preference.repository';
import { channelsFor } from '../src/domain/notification.rules';
import { withDefaults } from '../src/domain/preference.service';
import { aStoredNotification } from './factories';

const prefix = `taskflow-test-${testRunId()}:`;
let redis: Redis;
let clock = Date.parse('2025-01-01T00:00:00Z');
let repo: ReturnType<typeof createNotificationRepository>;

beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, prefix);
  repo = createNotificationRepository(redis, () => clock);
});

afterAll(async () => {
  const raw = createRedis(TEST_REDIS_URL);
  const keys = await raw.keys(`${prefix}*`);
  if (keys.length) await raw.del(...keys);
  await raw.quit();
  await redis.quit();
});

const aNotification = aStoredNotification;

describe('notification store', () => {
  it(`keeps the newest ${MAX_NOTIFICATIONS_PER_USER} with an exact unread count and a 90-day expiry`, async () => {
    const userId = randomUUID();
    const total = MAX_NOTIFICATIONS_PER_USER + 5;
    const inserted = await Promise.all(
      Array.from({ length: total }, (_, i) => {
        const n = aNotification(clock + i);
        return repo.insert(userId, randomUUID(), n).then(({ count }) => ({ n, count }));
      }),
    );
    expect(Math.max(...inserted.map((r) => r.count ?? 0))).toBe(MAX_NOTIFICATIONS_PER_USER);
    expect(await repo.unreadCount(userId)).toBe(MAX_NOTIFICATIONS_PER_USER);
    // The five oldest were trimmed from every structure: reading one is a 404.
    expect(await repo.markRead(userId, inserted[0]!.n.id)).toBeNull();
    expect(await repo.markRead(userId, inserted[5]!.n.id)).toBe(true);
    expect(await repo.unreadCount(userId)).toBe(MAX_NOTIFICATIONS_PER_USER - 1);
    const page = await repo.page(userId, 100);
    expect(page.items[0]?.id).toBe(inserted[total - 1]!.n.id);

    const ttl = await redis.pttl(`n:{${userId}}:list`);
    expect(ttl).toBeGreaterThan(NOTIFICATION_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(NOTIFICATION_TTL_MS);
  });

  it('drops notifications older than 90 days from the list and the count', async () => {
    const userId = randomUUID();
    const old = aNotification(clock);
    await repo.insert(userId, randomUUID(), old);
    clock += NOTIFICATION_TTL_MS + 1000;
    try {
      expect(await repo.unreadCount(userId)).toBe(0);
      expect((await repo.page(userId, 10)).items).toEqual([]);
      const fresh = aNotification(clock);
      expect((await repo.insert(userId, randomUUID(), fresh)).count).toBe(1);
      expect((await repo.page(userId, 10)).items.map((n) => n.id)).toEqual([fresh.id]);
    } finally {
      clock -= NOTIFICATION_TTL_MS + 1000;
    }
  });

  it('pages sparse unread notifications across a full list, page by page', async () => {
    const userId = randomUUID();
    const all = Array.from({ length: MAX_NOTIFICATIONS_PER_USER }, (_, i) => aNotification(clock + i));
    await Promise.all(all.map((n) => repo.insert(userId, randomUUID(), n)));
    // Unread: one in 150 (the newest, then every 150th down to the oldest).
    const unread = all.filter((_, i) => (all.length - 1 - i) % 150 === 0).reverse();
    const unreadIds = new Set(unread.map((n) => n.id));
    await Promise.all(all.filter((n) => !unreadIds.has(n.id)).map((n) => repo.markRead(userId, n.id)));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.page(userId, 2, cursor, true);
      expect(page.items.every((n) => n.readAt === null)).toBe(true);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(unread.map((n) => n.id));
  });

  it('stores one (event, recipient) once, even when delivered concurrently', async () => {
    const userId = randomUUID();
    const eventId = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => repo.insert(userId, eventId, aNotification(clock))));
    expect(results.map((r) => r.count).filter((c) => c !== null)).toEqual([1]);
    expect(await repo.unreadCount(userId)).toBe(1);
  });

  it.each([
    ['nothing stored', null],
    ['not JSON', '{oops'],
    ['a channel that is not an object', '{"inApp":"off"}'],
    ['a value that is not a boolean', '{"inApp":{"assigned":"no"},"email":{"assigned":0}}'],
    ['the bell off', '{"inApp":{"assigned":false}}'],
    ['email off, another kind on', '{"email":{"assigned":false,"comments":true}}'],
    ['both off', '{"inApp":{"assigned":false},"email":{"assigned":false}}'],
  ])('decides the channels from the stored preferences as withDefaults reads them: %s', async (_case, stored) => {
    const userId = randomUUID();
    if (stored !== null) await redis.set(preferencesKey(userId), stored);
    let parsed: unknown = null;
    try {
      parsed = stored === null ? null : JSON.parse(stored);
    } catch {
      parsed = null;
    }
    const expected = withDefaults(parsed);
    const result = await repo.insert(userId, randomUUID(), aNotification(clock), { ...channelsFor('assigned') });
    const inApp = expected.inApp.assigned;
    const email = expected.email.assigned;
    expect(result.inApp).toBe(inApp);
    expect(result.count).toBe(inApp || email ? (inApp ? 1 : 0) : null);
    expect(result.emailDue !== null).toBe(email);
    expect(await repo.unreadCount(userId)).toBe(inApp ? 1 : 0);
  });
});
