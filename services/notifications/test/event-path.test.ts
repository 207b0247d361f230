import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type Redis } from '@taskflow/service-kit/redis';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { deleteRedisKeys, TEST_REDIS_URL, testRunId } from '@taskflow/service-kit/testing';
import { createDirectoryRepository } from '../src/data/directory.repository';
import { createEmailOutboxRepository } from '../src/data/email-outbox.repository';
import { createNotificationRepository } from '../src/data/notification.repository';
import { createPreferenceRepository } from '../src/data/preference.repository';
import { createEventService } from '../src/domain/event.service';
import { createNotificationService } from '../src/domain/notification.service';
import { createPreferenceService } from '../src/domain/preference.service';
import type { Pusher } from '../src/domain/push.port';
import { aTask, aUser, taskAssigned } from './factories';

/**
 * The order of the steps of one assignment event, against the real Redis: what is asked together, and
 * when the push goes out relative to the email index. Counts and order only, never time.
 */
const prefix = `taskflow-test-${testRunId()}:`;
let redis: Redis;

beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, prefix);
});

afterAll(async () => {
  await redis.quit();
  await deleteRedisKeys(prefix, TEST_REDIS_URL);
});

/** The event service over the real repositories, each step of interest recorded in `log` as it starts and ends. */
function aRecordedPath() {
  const log: string[] = [];
  const traced =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      log.push(`${name}:start`);
      const result = await fn(...args);
      log.push(`${name}:end`);
      return result;
    };
  const directory = createDirectoryRepository(redis);
  const emailOutbox = createEmailOutboxRepository(redis);
  const preferences = createPreferenceService(createPreferenceRepository(redis));
  const pusher: Pusher = {
    toUser: (_userId, event) => log.push(`push:${event}`),
    toProject: (_projectId, event) => log.push(`push:${event}`),
    leaveProject: () => undefined,
  };
  const notifications = createNotificationService({
    notifications: createNotificationRepository(redis),
    emailOutbox: { ...emailOutbox, schedule: traced('schedule', emailOutbox.schedule) },
    pusher,
    emailBatchMs: 60_000,
  });
  const events = createEventService({
    directory: { ...directory, findUser: traced('findUser', directory.findUser) },
    notifications,
    preferences: { ...preferences, get: traced('preferences', preferences.get) },
    pusher,
  });
  return { log, events, directory };
}

describe('an assignment on its way to the bell', () => {
  it('looks the actor and the preferences up together, pushes once stored, and indexes the email after', async () => {
    const { log, events, directory } = aRecordedPath();
    const actor = aUser('Ana');
    await directory.saveUser(
      actor.id,
      { name: actor.name, email: actor.email, timezone: 'UTC' },
      new Date().toISOString(),
    );
    const assignee = randomUUID();
    const assign = () =>
      events.handle(
        buildEvent('tasks', 'task.assigned', taskAssigned(aTask({ createdBy: actor.id }), assignee), actor.id),
      );

    await assign();
    // Both lookups are issued before either answers: one round trip, not two.
    expect(log.indexOf('preferences:start')).toBeLessThan(log.indexOf('findUser:end'));
    expect(log.indexOf('findUser:start')).toBeLessThan(log.indexOf('preferences:end'));
    // The push does not wait for the email index (another slot, another round trip).
    expect(log.indexOf('push:notification')).toBeLessThan(log.indexOf('schedule:start'));
    expect(log.filter((step) => step.startsWith('push:'))).toEqual(['push:notification', 'push:unread_count']);
    expect(log.filter((step) => step === 'schedule:start')).toHaveLength(1);

    // Their email is pending already, due before this one: the index is not asked again.
    log.length = 0;
    await assign();
    expect(log).toContain('push:notification');
    expect(log).not.toContain('schedule:start');
  });
});
