import { createJwksResolver, createTokenVerifier, type KeyResolver } from '@taskflow/service-kit/auth';
import { Broker } from '@taskflow/service-kit/broker';
import { createLogger, type Logger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { createRedis } from '@taskflow/service-kit/redis';
import { createRevokedSessions } from '@taskflow/service-kit/revocation';
import { notShuttingDown, serveService, type Lifecycle, type RunningService } from '@taskflow/service-kit/service';
import { createApp } from './app';
import { notificationsQueue, type NotificationsConfig } from './config';
import { createDirectoryRepository } from './data/directory.repository';
import { createEmailOutboxRepository } from './data/email-outbox.repository';
import { createNotificationRepository } from './data/notification.repository';
import { createPreferenceRepository } from './data/preference.repository';
import {
  createEmailDeliveryService,
  DEFAULT_EMAIL_DELIVERY,
  type EmailDeliveryOptions,
} from './domain/email-delivery.service';
import { createEventService } from './domain/event.service';
import { createNotificationService } from './domain/notification.service';
import { createPreferenceService } from './domain/preference.service';
import { createProjectAccessService } from './domain/project-access.service';
import { startEmailDispatcher } from './jobs/email.dispatcher';
import { createSmtpMailer, type BreakerOptions } from './mail/smtp.mailer';
import { startEventsConsumer } from './messaging/event.consumer';
import { attachGateway, createRealtime } from './realtime/socket.gateway';

export interface NotificationsServiceOverrides {
  logger?: Logger;
  lifecycle?: Lifecycle;
  /** Where token keys come from; defaults to auth's JWKS (tests pass their own key). */
  resolveKey?: KeyResolver;
  /** Back-off of the consumer's retries (tests shorten it). */
  retryDelaysMs?: number[];
  /** Email back-off and round sizes (tests shorten them); the defaults are in email-delivery.service.ts. */
  emailDelivery?: Partial<EmailDeliveryOptions>;
  /** When the SMTP circuit opens and how long it stays open (tests shorten it). */
  smtpBreaker?: BreakerOptions;
}

/**
 * The notifications service's one composition root (main.ts and the tests start it here): Redis
 * and the broker, the event consumer, the email dispatcher and its SMTP mailer, the HTTP app and
 * the Socket.IO gateway on one http server.
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
  metrics.gauge('realtime_connected_sockets', 'Browsers connected to this instance over Socket.IO', () =>
    realtime.io.engine ? realtime.io.engine.clientsCount : 0,
  );
  const directory = createDirectoryRepository(redis);
  const emailOutbox = createEmailOutboxRepository(redis);
  const notifications = createNotificationService({
    notifications: createNotificationRepository(redis),
    emailOutbox,
    pusher: realtime.pusher,
    emailBatchMs: config.EMAIL_BATCH_MS,
  });
  const preferences = createPreferenceService(createPreferenceRepository(redis));
  const events = createEventService({ directory, notifications, pusher: realtime.pusher });
  const mailer = createSmtpMailer({
    smtpUrl: config.SMTP_URL,
    from: config.EMAIL_FROM,
    appUrl: config.APP_URL,
    logger,
    breaker: opts.smtpBreaker ?? {
      failures: config.SMTP_BREAKER_FAILURES,
      halfOpenAfterMs: config.SMTP_BREAKER_HALF_OPEN_MS,
    },
    maxPerSecond: config.SMTP_MAX_PER_SECOND,
  });
  metrics.gauge('notification_email_circuit_state', 'SMTP circuit breaker: 0 closed, 1 open, 2 half-open', () =>
    mailer.circuitState(),
  );
  const delivery = createEmailDeliveryService({
    outbox: emailOutbox,
    directory,
    channel: mailer,
    options: {
      leaseMs: config.EMAIL_LEASE_MS,
      // A round's sends go out within about a second of the mailer's rate limit.
      recipientsPerRound: Math.min(DEFAULT_EMAIL_DELIVERY.recipientsPerRound, config.SMTP_MAX_PER_SECOND),
      ...opts.emailDelivery,
    },
  });
  const revokedSessions = createRevokedSessions(redis);
  const verifier = createTokenVerifier({
    resolveKey: opts.resolveKey ?? createJwksResolver(config.AUTH_JWKS_URL),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    isRevoked: revokedSessions.isRevoked,
  });

  const consumer = await startEventsConsumer({
    broker,
    logger,
    events,
    sessions: { revoked: revokedSessions, disconnect: (sessionId) => realtime.endSession(sessionId) },
    queue: notificationsQueue(config),
    metrics,
    prefetch: config.CONSUMER_PREFETCH,
    queueExpiresMs: config.QUEUE_EXPIRES_MS,
    retryDelaysMs: opts.retryDelaysMs,
  });

  const dispatcher = startEmailDispatcher({ delivery, logger, metrics, tickMs: config.EMAIL_TICK_MS });

  const app = createApp({
    logger,
    metrics,
    verifier,
    notifications,
    preferences,
    checks: { redis: () => redis.ping(), broker: () => broker.ping() },
    isShuttingDown: (opts.lifecycle ?? notShuttingDown).isShuttingDown,
    hsts: config.APP_URL.startsWith('https:'),
  });
  return serveService({
    app,
    port: config.PORT,
    host: config.HOST,
    name: 'notifications',
    logger,
    attach: (server) => {
      attachGateway(realtime.io, server, {
        verifier,
        notifications,
        access: createProjectAccessService(directory),
        logger,
      });
      return realtime;
    },
    shutdownSteps: [
      ['consumer', () => consumer.stop()],
      // After the consumer (nothing new is enqueued) and before Redis: a send in flight is finished
      // and marked sent, so it is not sent again by another instance when its lease runs out.
      ['email dispatcher', () => dispatcher.stop()],
      ['smtp', async () => mailer.close()],
      ['broker', () => broker.close()],
      ['redis', () => redis.quit()],
    ],
  });
}
