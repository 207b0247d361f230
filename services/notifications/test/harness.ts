import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import type { Notification } from '@taskflow/contracts/api';
import type { AnyEvent, EventData, EventEnvelope, EventType } from '@taskflow/contracts/events';
import type { ClientToServerEvents, ServerToClientEvents } from '@taskflow/contracts/socket';
import { Broker } from '@taskflow/service-kit/broker';
import { parseConfig } from '@taskflow/service-kit/config';
import { createLogger } from '@taskflow/service-kit/logger';
import { buildEvent } from '@taskflow/service-kit/outbox';
import type { RunningService } from '@taskflow/service-kit/service';
import {
  createTestTokens,
  deleteRedisKeys,
  deleteTopology,
  TEST_AMQP_URL,
  TEST_REDIS_URL,
  testRunId,
  waitFor,
} from '@taskflow/service-kit/testing';
import { notificationsEnv, notificationsQueue } from '../src/config';
import { startNotificationsService, type NotificationsServiceOverrides } from '../src/service';
import { aTask, aUser, reminderDue, taskAssigned, type TestUser } from './factories';
import { startSmtpFixture, type ReceivedEmail } from './smtp-fixture';

export type TestSocket = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

export interface HarnessOptions {
  /** Environment on top of the harness's own (say `EMAIL_BATCH_MS`). */
  env?: Record<string, string>;
  /** What the service lets a test vary, on top of the harness's short email back-off and breaker. */
  overrides?: Omit<NotificationsServiceOverrides, 'logger' | 'resolveKey'>;
}

/**
 * One isolated notifications stack per test file: its own exchange, queue names and Redis key
 * prefix, a real SMTP server that records what the service sends, a publisher that plays the auth
 * and tasks services, and helpers for HTTP and sockets.
 */
export async function createHarness(options: HarnessOptions = {}) {
  const runId = testRunId();
  const smtp = await startSmtpFixture();
  const config = parseConfig(notificationsEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    AMQP_URL: TEST_AMQP_URL,
    EVENTS_EXCHANGE: `taskflow.test.${runId}`,
    QUEUE_PREFIX: `taskflow-test-${runId}`,
    QUEUE_EXPIRES_MS: '60000',
    // One message at a time, so "publish X then a sentinel, wait for the sentinel" proves X was handled.
    CONSUMER_PREFETCH: '1',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `taskflow-test-${runId}:`,
    APP_URL: 'http://app.test',
    SMTP_URL: smtp.url,
    EMAIL_BATCH_MS: '1000',
    EMAIL_TICK_MS: '50',
    ...options.env,
  });
  const logger = createLogger('notifications-test', 'silent');
  const overrides: NotificationsServiceOverrides = {
    emailDelivery: { backoff: { baseMs: 200, capMs: 1000 } },
    smtpBreaker: { failures: 3, halfOpenAfterMs: 500 },
    ...options.overrides,
    logger,
  };
  const tokens = createTestTokens();
  const publisher = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, logger });
  await publisher.start();
  const sockets = new Set<TestSocket>();
  let service: RunningService | undefined;
  const extras = new Set<RunningService>();
  const baseUrlOf = (): string => {
    if (!service) throw new Error('service not started');
    return service.url;
  };

  const harness = {
    config,
    tokens,
    queue: notificationsQueue(config),

    smtp,

    async start(): Promise<RunningService> {
      service = await startNotificationsService(config, { ...overrides, resolveKey: tokens.resolveKey });
      return service;
    },

    /** Another instance on the same queue, exchange and Redis prefix, as in a scaled deployment. */
    async startAnother(): Promise<RunningService> {
      const another = await startNotificationsService(config, { ...overrides, resolveKey: tokens.resolveKey });
      extras.add(another);
      return another;
    },

    async stopAnother(another: RunningService): Promise<void> {
      extras.delete(another);
      await another.stop();
    },

    async stop(): Promise<void> {
      const running = service;
      service = undefined;
      await running?.stop();
    },

    get baseUrl(): string {
      return baseUrlOf();
    },

    async publish<T extends EventType>(type: T, data: EventData<T>, actorId: string | null): Promise<EventEnvelope<T>> {
      const event = buildEvent('tasks', type, data, actorId);
      await publisher.publish(event);
      return event as EventEnvelope<T>;
    },

    /** Tells the service who a user is (name, email), as auth's user.registered does. */
    register: (user: TestUser, timezone = 'UTC') =>
      harness.publish('user.registered', { userId: user.id, email: user.email, name: user.name, timezone }, null),

    /** A new user the service knows (so it can email them). */
    async registered(name?: string, timezone?: string): Promise<TestUser> {
      const user = aUser(name);
      await harness.register(user, timezone);
      return user;
    },

    /**
     * The emails a user got, made final by a sentinel reminder (emailed at once): whatever was pending
     * went out with it or before it, a digest included. Fails if anything went along with the sentinel.
     */
    async finalEmails(user: TestUser): Promise<ReceivedEmail[]> {
      const count = smtp.to(user.email).length;
      const task = aTask({ createdBy: user.id, title: 'sentinel' });
      await harness.publish('task.reminder_due', reminderDue(task, user.id, 0), null);
      const { before, sentinel } = await waitFor(
        () => {
          const emails = smtp.to(user.email);
          const at = emails.findIndex((email, i) => i >= count && email.text.includes(task.id));
          return at < 0 ? null : { before: emails.slice(0, at), sentinel: emails[at]! };
        },
        { timeoutMs: 8000, what: `the sentinel email to ${user.email}` },
      );
      if (sentinel.mail.subject !== 'Due now: sentinel') throw new Error(`not alone: ${sentinel.mail.subject}`);
      return before;
    },

    /**
     * One value of the service's /metrics: the first sample whose line starts with `sample`, a metric
     * name with, optionally, its first labels (`name{reason="smtp"`).
     */
    async metric(sample: string, baseUrl = baseUrlOf()): Promise<number | null> {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(sample) && ' {,'.includes(l[sample.length] ?? ''));
      return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
    },

    /** Publishes an already-built event again, as a redelivery would. */
    republish: (event: EventEnvelope) => publisher.publish(event as AnyEvent),

    api(userId: string | null, path: string, init: RequestInit = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      if (userId) headers.set('authorization', `Bearer ${tokens.sign(userId)}`);
      return fetch(`${harness.baseUrl}${path}`, { ...init, headers });
    },

    /** A page of the user's notifications (`query` such as `?limit=2`); fails unless it answers 200. */
    async list(userId: string, query = ''): Promise<{ items: Notification[]; nextCursor: string | null }> {
      const res = await harness.api(userId, `/api/notifications${query}`);
      if (res.status !== 200) throw new Error(`GET /api/notifications${query} answered ${res.status}`);
      return (await res.json()) as { items: Notification[]; nextCursor: string | null };
    },

    /** `count` assignments to the user, titled T0… oldest first, all unread; their ids by title. */
    async seedNotifications(userId: string, count: number): Promise<Map<string, string>> {
      const actor = randomUUID();
      for (let i = 0; i < count; i++) {
        const task = aTask({ createdBy: actor, title: `T${i}` });
        await harness.publish('task.assigned', taskAssigned(task, userId), actor);
      }
      await harness.waitForUnread(userId, count);
      return new Map((await harness.list(userId, '?limit=100')).items.map((n) => [n.body, n.id]));
    },

    putPreferences: (userId: string, body: unknown) =>
      harness.api(userId, '/api/notifications/preferences', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),

    async unreadCount(userId: string): Promise<number> {
      const res = await harness.api(userId, '/api/notifications/unread-count');
      return ((await res.json()) as { count: number }).count;
    },

    /** Polls until the user's unread count is `count`. */
    waitForUnread: (userId: string, count: number) =>
      waitFor(async () => (await harness.unreadCount(userId)) === count, {
        timeoutMs: 8000,
        what: `unread count ${count}`,
      }),

    /**
     * Publishes a sentinel notification for a fresh user and waits for it. With prefetch 1 on a
     * FIFO queue, everything published before has then been handled.
     */
    async settle(): Promise<void> {
      const sentinelUser = randomUUID();
      const task = { ...aTask({ createdBy: randomUUID() }), title: 'sentinel' };
      await harness.publish('task.assigned', taskAssigned(task, sentinelUser), task.createdBy);
      await harness.waitForUnread(sentinelUser, 1);
    },

    /** A socket whose every server event is recorded from the first packet on. */
    async connect(auth: Record<string, unknown> | null, baseUrl = baseUrlOf()): Promise<RecordingSocket> {
      const socket: TestSocket = connectClient(baseUrl, {
        auth: auth ?? undefined,
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        autoConnect: false,
      });
      sockets.add(socket);
      const received: { event: string; payload: unknown }[] = [];
      socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
        socket.connect();
      });
      return {
        socket,
        received,
        of: <E extends keyof ServerToClientEvents>(event: E) =>
          received.filter((r) => r.event === event).map((r) => r.payload as Parameters<ServerToClientEvents[E]>[0]),
      };
    },

    connectAs: (userId: string, baseUrl?: string) => harness.connect({ token: tokens.sign(userId) }, baseUrl),

    /** Messages waiting in a queue of this run (e.g. the dead-letter queue). */
    async messageCount(queue: string): Promise<number> {
      const connection = await amqp.connect(config.AMQP_URL);
      try {
        const channel = await connection.createChannel();
        return (await channel.checkQueue(queue)).messageCount;
      } finally {
        await connection.close();
      }
    },

    /** Publishes raw bytes to the exchange, like a buggy producer would. */
    async publishRaw(routingKey: string, content: string): Promise<void> {
      const connection = await amqp.connect(config.AMQP_URL);
      try {
        const channel = await connection.createConfirmChannel();
        channel.publish(config.EVENTS_EXCHANGE, routingKey, Buffer.from(content), { persistent: true });
        await channel.waitForConfirms();
      } finally {
        await connection.close();
      }
    },

    async close(): Promise<void> {
      for (const socket of sockets) socket.disconnect();
      for (const another of extras) await another.stop();
      await harness.stop();
      await publisher.close();
      await deleteRunResources(config.AMQP_URL, config.EVENTS_EXCHANGE, config.REDIS_URL, config.REDIS_KEY_PREFIX);
      await smtp.close();
    },
  };
  return harness;
}

export interface RecordingSocket {
  socket: TestSocket;
  received: { event: string; payload: unknown }[];
  of<E extends keyof ServerToClientEvents>(event: E): Parameters<ServerToClientEvents[E]>[0][];
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

async function deleteRunResources(
  amqpUrl: string,
  exchange: string,
  redisUrl: string,
  keyPrefix: string,
): Promise<void> {
  await deleteTopology(exchange, [], amqpUrl);
  await deleteRedisKeys(keyPrefix, redisUrl);
}
