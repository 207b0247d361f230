import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwksResolver, createTokenVerifier, type KeyResolver } from '@taskflow/service-kit/auth';
import { Broker } from '@taskflow/service-kit/broker';
import type { Logger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { createRedis } from '@taskflow/service-kit/redis';
import { closeServer, type ShutdownStep } from '@taskflow/service-kit/shutdown';
import { createApp } from './app';
import { notificationsQueue, type NotificationsConfig } from './config';
import { createDirectoryRepository } from './data/directory.repository';
import { createNotificationRepository } from './data/notification.repository';
import { createEventService } from './domain/event.service';
import { createNotificationService } from './domain/notification.service';
import { createProjectAccessService } from './domain/project-access.service';
import { startEventsConsumer } from './messaging/taskflow-events.consumer';
import { attachGateway, createRealtime } from './realtime/socket.gateway';

export interface ServiceOptions {
  logger: Logger;
  /** Where token keys come from; defaults to auth's JWKS (tests pass their own key). */
  resolveKey?: KeyResolver;
  isShuttingDown?: () => boolean;
  retryDelaysMs?: number[];
}

export interface RunningService {
  server: Server;
  /** The Express app (Socket.IO owns the server's request listener, so tests read routes here). */
  app: Express;
  port: number;
  /** In order: stop taking work, then close connections. */
  shutdownSteps: ShutdownStep[];
  stop(): Promise<void>;
}

/**
 * Wires the service together (the body of main.ts, callable in-process by the tests): Redis and
 * the broker, the event consumer, the HTTP app and the Socket.IO gateway on one http server.
 */
export async function startNotificationsService(
  config: NotificationsConfig,
  opts: ServiceOptions,
): Promise<RunningService> {
  const { logger } = opts;
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
    isShuttingDown: opts.isShuttingDown,
  });
  const server = createServer(app);
  attachGateway(realtime.io, server, {
    verifier,
    notifications,
    access: createProjectAccessService(directory),
    logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, 'notifications listening');

  const shutdownSteps: ShutdownStep[] = [
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

  return {
    server,
    app,
    port,
    shutdownSteps,
    async stop() {
      for (const [, step] of shutdownSteps) await step();
    },
  };
}
