import { createServer } from 'node:http';
import { createJwksResolver, createTokenVerifier, type KeyResolver } from '@taskflow/service-kit/auth';
import { Broker } from '@taskflow/service-kit/broker';
import { createLogger, type Logger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { createRedis } from '@taskflow/service-kit/redis';
import {
  listen,
  notShuttingDown,
  runningService,
  type Lifecycle,
  type RunningService,
} from '@taskflow/service-kit/service';
import { closeServer } from '@taskflow/service-kit/shutdown';
import { createApp } from './app';
import { notificationsQueue, type NotificationsConfig } from './config';
import { createDirectoryRepository } from './data/directory.repository';
import { createNotificationRepository } from './data/notification.repository';
import { createEventService } from './domain/event.service';
import { createNotificationService } from './domain/notification.service';
import { createProjectAccessService } from './domain/project-access.service';
import { startEventsConsumer } from './messaging/event.consumer';
import { attachGateway, createRealtime } from './realtime/socket.gateway';

export interface NotificationsServiceOverrides {
  logger?: Logger;
  lifecycle?: Lifecycle;
  /** Where token keys come from; defaults to auth's JWKS (tests pass their own key). */
  resolveKey?: KeyResolver;
  /** Back-off of the consumer's retries (tests shorten it). */
  retryDelaysMs?: number[];
}

/**
 * The notifications service's one composition root (main.ts and the tests start it here): Redis
 * and the broker, the event consumer, the HTTP app and the Socket.IO gateway on one http server.
 */
export async function startNotificationsService(
  config: NotificationsConfig,
  opts: NotificationsServiceOverrides = {},
): Promise<RunningService> {
  const logger = opts.logger ?? createLogger('notifications', config.LOG_LEVEL);
  const metrics = createMetrics('notifications');
  const redis = createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, logger });
  await broker.start();

  const realtime = createRealtime({ redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX });
  const directory = createDirectoryRepository(redis);
  const notifications = createNotificationService({
    notifications: createNotificationRepository(redis),
    pusher: realtime.pusher,
  });
  const events = createEventService({ directory, notifications, pusher: realtime.pusher });
  const verifier = createTokenVerifier({
    resolveKey: opts.resolveKey ?? createJwksResolver(config.AUTH_JWKS_URL),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });

  const consumer = await startEventsConsumer({
    broker,
    logger,
    events,
    queue: notificationsQueue(config),
    prefetch: config.CONSUMER_PREFETCH,
    queueExpiresMs: config.QUEUE_EXPIRES_MS,
    retryDelaysMs: opts.retryDelaysMs,
  });

  const app = createApp({
    logger,
    metrics,
    verifier,
    notifications,
    checks: { redis: () => redis.ping(), broker: () => broker.ping() },
    isShuttingDown: (opts.lifecycle ?? notShuttingDown).isShuttingDown,
  });
  const server = createServer(app);
  attachGateway(realtime.io, server, {
    verifier,
    notifications,
    access: createProjectAccessService(directory),
    logger,
  });
  const { port, url } = await listen(server, config.PORT);
  logger.info({ port }, 'notifications listening');

  const shutdownSteps: RunningService['shutdownSteps'] = [
    [
      'http server and sockets',
      async () => {
        const httpClosed = closeServer(server).catch(() => undefined);
        await realtime.close();
        await httpClosed;
      },
    ],
    ['consumer', () => consumer.stop()],
    ['broker', () => broker.close()],
    ['redis', () => redis.quit()],
  ];

  return runningService({ app, port, url, shutdownSteps }, logger);
}
