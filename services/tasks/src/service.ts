import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createJwksResolver, createTokenVerifier, type KeyResolver } from '@taskflow/service-kit/auth';
import { Broker } from '@taskflow/service-kit/broker';
import { openDatabase } from '@taskflow/service-kit/db';
import { startPeriodicJob } from '@taskflow/service-kit/periodic-job';
import { createLogger, type Logger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { OutboxRelay } from '@taskflow/service-kit/outbox';
import { createRedis } from '@taskflow/service-kit/redis';
import { createRevokedSessions } from '@taskflow/service-kit/revocation';
import { notShuttingDown, serveService, type Lifecycle, type RunningService } from '@taskflow/service-kit/service';
import { createApp } from './app';
import { PRODUCER, tasksQueue, type TasksConfig } from './config';
import { createWithStatement, createWithTransaction, schema } from './data/database';
import { createDigestsService } from './domain/digest.service';
import { createRemindersService } from './domain/reminder.service';
import { createUsersService } from './domain/user.service';
import { loadOrCreateCalendarSecret } from './keys/calendar-secret.store';
import { startUserEventsConsumer } from './messaging/user-events.consumer';

export interface TasksServiceOverrides {
  logger?: Logger;
  lifecycle?: Lifecycle;
  /** Where token keys come from; defaults to auth's JWKS (tests pass their own key). */
  resolveKey?: KeyResolver;
  /** The clock reminders, digests and plans follow; tests move it across days and DST changes. */
  now?: () => Date;
}

/**
 * The tasks service's one composition root (main.ts and the tests start it here): database
 * (created and migrated), broker and outbox relay, the user-events consumer, the reminder and
 * overdue-digest jobs, the calendar secret, the token verifier and the HTTP app.
 */
export async function startTasksService(
  config: TasksConfig,
  overrides: TasksServiceOverrides = {},
): Promise<RunningService> {
  const logger = overrides.logger ?? createLogger(PRODUCER, config.LOG_LEVEL);
  const { isShuttingDown } = overrides.lifecycle ?? notShuttingDown;
  const now = overrides.now ?? (() => new Date());
  const calendarSecret = loadOrCreateCalendarSecret(config.CALENDAR_SECRET_FILE);

  const { pool, db } = await openDatabase(config.DATABASE_URL, schema, {
    migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, logger });
  await broker.start();
  const relay = new OutboxRelay({ pool, broker, logger, pollMs: config.OUTBOX_POLL_MS });
  relay.start();
  const withTransaction = createWithTransaction(db, relay);
  const withStatement = createWithStatement(relay);
  const redis = createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const revokedSessions = createRevokedSessions(redis);

  const metrics = createMetrics(PRODUCER);
  const consumer = await startUserEventsConsumer({
    broker,
    logger,
    queue: tasksQueue(config),
    users: createUsersService({ withTransaction, now }),
    revokedSessions,
    metrics,
    prefetch: config.CONSUMER_PREFETCH,
    queueExpiresMs: config.QUEUE_EXPIRES_MS,
  });

  const tickMs = config.REMINDER_TICK_MS;
  const reminderLag = metrics.histogram(
    'reminder_claim_lag_seconds',
    'Seconds from when a reminder was due to when it was claimed and its event written',
  );
  const reminders = createRemindersService({
    db,
    withTransaction,
    now,
    tickMs,
    observeLag: (seconds) => reminderLag.observe(seconds),
  });
  const reminderJob = startPeriodicJob({
    name: 'reminders',
    run: () => reminders.dispatchDueReminders(),
    // Reminders go out at their time, not up to a tick later: the job sleeps until the next one is
    // due when that is sooner, and a request that plans a sooner one wakes it (remindersPlanned).
    nextRunAt: (since) => reminders.nextDueAt(since),
    logger,
    tickMs,
  });
  const digests = createDigestsService({ withTransaction, now });
  const digestJob = startPeriodicJob({
    name: 'overdue digests',
    // Users from before digests existed (or whose plan was lost) get one before the first round.
    prepare: () => digests.planMissingDigests(),
    run: () => digests.dispatchDueDigests(),
    logger,
    tickMs,
  });

  const app = createApp({
    db,
    withTransaction,
    withStatement,
    verifier: createTokenVerifier({
      resolveKey: overrides.resolveKey ?? createJwksResolver(config.AUTH_JWKS_URL),
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      isRevoked: revokedSessions.isRevoked,
    }),
    logger,
    metrics,
    checks: { database: () => db.execute(sql`SELECT 1`), broker: () => broker.ping(), redis: () => redis.ping() },
    isShuttingDown,
    appUrl: config.APP_URL,
    calendarSecret,
    now,
    remindersPlanned: (at) => reminderJob.wakeAt(at),
  });

  return serveService({
    app,
    port: config.PORT,
    host: config.HOST,
    name: 'tasks',
    logger,
    shutdownSteps: [
      ['consumer', () => consumer.stop()],
      ['reminder job', () => reminderJob.stop()],
      ['digest job', () => digestJob.stop()],
      ['outbox relay', () => relay.stop()],
      ['broker', () => broker.close()],
      ['postgres', () => pool.end()],
      ['redis', () => redis.quit()],
    ],
  });
}
