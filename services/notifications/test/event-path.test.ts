import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type Redis } from '@taskflow/service-kit/redis';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { deleteRedisKeys, TEST_REDIS_URL, testRunId } from '@taskflow/service-kit/testing';
import { createDirectoryRepository } from '../src/data/directory.repository';
import { createEmailOutboxRepository } from '../src/data/email-outbox.repository';
import { createNotificationRepository } from '../src/data/notification.repository';
import { createPreferenceRepository } from '../src/data/preference.repository';
import { ACTOR_NAME_TTL_MS, createEventService } from '../src/domain/event.service';
import { createNotificationService } from '../src/domain/notification.service';
import { createPreferenceService, withDefaults } from '../src/domain/preference.service';
import type { Pusher } from '../src/domain/push.port';
import { aTask, aUser, taskAssigned } from './factories';

/**
 * The order of the steps of one assignment event, against the real Redis: what comes before the push,
 * and when the push goes out relative to the email index. Counts and order only, never time.
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
  const titles: string[] = [];
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
  const repository = createNotificationRepository(redis);
  const pusher: Pusher = {
    toUser: (_userId, event, payload) => {
      log.push(`push:${event}`);
      if (event === 'notification') titles.push((payload as { title: string }).title);
    },
    toProject: (_projectId, event) => log.push(`push:${event}`),
    leaveProject: () => undefined,
  };
  const notifications = createNotificationService({
    notifications: { ...repository, insert: traced('insert', repository.insert) },
    emailOutbox: { ...emailOutbox, schedule: traced('schedule', emailOutbox.schedule) },
    pusher,
    emailBatchMs: 60_000,
  });
  const clock = { ms: Date.now() };
  const events = createEventService({
    directory: { ...directory, findUser: traced('findUser', directory.findUser) },
    notifications,
    pusher,
    now: () => clock.ms,
  });
  return { log, titles, events, directory, clock };
}

describe('an assignment on its way to the bell', () => {
  it('one round trip before the push (the insert reads the preferences), the actor looked up once a second', async () => {
    const { log, titles, events, directory, clock } = aRecordedPath();
    const actor = aUser('Ana');
    const profile = { name: actor.name, email: actor.email, timezone: 'UTC' };
    await directory.saveUser(actor.id, profile, new Date().toISOString());
    const assignee = randomUUID();
    const assign = () =>
      events.handle(
        buildEvent('tasks', 'task.assigned', taskAssigned(aTask({ createdBy: actor.id }), assignee), actor.id),
      );

    await assign();
    expect(log.slice(0, 4)).toEqual(['findUser:start', 'findUser:end', 'insert:start', 'insert:end']);
    // The push does not wait for the email index (another slot, another round trip).
    expect(log.indexOf('push:notification')).toBeLessThan(log.indexOf('schedule:start'));
    expect(log.filter((step) => step.startsWith('push:'))).toEqual(['push:notification', 'push:unread_count']);
    expect(log.filter((step) => step === 'schedule:start')).toHaveLength(1);

    // The same actor within the second: the insert is the only round trip before the push. Their
    // email is pending already, due before this one: the index is not asked again.
    log.length = 0;
    await assign();
    expect(log).toEqual(['insert:start', 'insert:end', 'push:notification', 'push:unread_count']);

    // A second later the projection is read again; a rename handled here is used at once.
    log.length = 0;
    clock.ms += ACTOR_NAME_TTL_MS;
    await assign();
    expect(log.filter((step) => step === 'findUser:start')).toHaveLength(1);
    await events.handle(
      buildEvent('auth', 'user.updated', { userId: actor.id, ...profile, name: 'Ana Renamed' }, actor.id),
    );
    await assign();
    expect(titles).toEqual([
      'Ana assigned you a task',
      'Ana assigned you a task',
      'Ana assigned you a task',
      'Ana Renamed assigned you a task',
    ]);
  });

  it('a change of preferences applies to the very next event (the insert reads them, nothing keeps them)', async () => {
    const { log, events, directory } = aRecordedPath();
    const actor = aUser('Bo');
    await directory.saveUser(actor.id, { name: 'Bo', email: actor.email, timezone: 'UTC' }, new Date().toISOString());
    const assignee = randomUUID();
    const preferences = createPreferenceService(createPreferenceRepository(redis));
    const assign = () =>
      events.handle(
        buildEvent('tasks', 'task.assigned', taskAssigned(aTask({ createdBy: actor.id }), assignee), actor.id),
      );
    const off = withDefaults({ inApp: { assigned: false } });
    await preferences.replace(assignee, off);
    await assign();
    expect(log).not.toContain('push:notification');
    await preferences.replace(assignee, withDefaults(null));
    await assign();
    expect(log.filter((step) => step === 'push:notification')).toHaveLength(1);
  });
});
