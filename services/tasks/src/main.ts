import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createJwksResolver, createTokenVerifier } from '@taskflow/service-kit/auth';
import { Broker } from '@taskflow/service-kit/broker';
import { openDatabase } from '@taskflow/service-kit/db';
import { createLogger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { OutboxRelay } from '@taskflow/service-kit/outbox';
import { closeServer, handleShutdown } from '@taskflow/service-kit/shutdown';
import { loadConfig } from '@taskflow/service-kit/config';
import { createApp } from './app';
import { configSchema, PRODUCER, queueName } from './config';
import { createWithTransaction, schema } from './data/database';
import { createUsersService } from './domain/user.service';
import { createRemindersService } from './domain/reminder.service';
import { startReminderScheduler } from './jobs/reminder.scheduler';
import { startUserEventsConsumer } from './messaging/user-events.consumer';

const config = loadConfig(configSchema);
const logger = createLogger(PRODUCER, config.LOG_LEVEL);

const { pool, db } = await openDatabase(config.DATABASE_URL, schema, {
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  poolSize: config.DATABASE_POOL_SIZE,
});

const broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, logger });
await broker.start();
const relay = new OutboxRelay({ pool, broker, logger, pollMs: config.OUTBOX_POLL_MS });
relay.start();
const withTransaction = createWithTransaction(db, () => relay.kick());

const consumer = await startUserEventsConsumer({
  broker,
  logger,
  queue: queueName(config.QUEUE_PREFIX),
  users: createUsersService({ withTransaction }),
  prefetch: config.CONSUMER_PREFETCH,
  queueExpiresMs: config.QUEUE_EXPIRES_MS,
});

const reminders = createRemindersService({ withTransaction });
const scheduler = startReminderScheduler({
  dispatch: () => reminders.dispatchDueReminders(),
  logger,
  tickMs: config.REMINDER_TICK_MS,
});

const verifier = createTokenVerifier({
  resolveKey: createJwksResolver(config.AUTH_JWKS_URL),
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
});

let shutdown: { isShuttingDown: () => boolean } | undefined;
const app = createApp({
  db,
  withTransaction,
  verifier,
  logger,
  metrics: createMetrics(PRODUCER),
  checks: { database: () => db.execute(sql`SELECT 1`), broker: () => broker.ping() },
  isShuttingDown: () => shutdown?.isShuttingDown() ?? false,
});

const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, 'tasks service listening'));

shutdown = handleShutdown(
  logger,
  [
    ['http server', () => closeServer(server)],
    ['consumers', () => consumer.stop()],
    ['reminder scheduler', () => scheduler.stop()],
    ['outbox relay', () => relay.stop()],
    ['broker', () => broker.close()],
    ['database pool', () => pool.end()],
  ],
  config.SHUTDOWN_TIMEOUT_MS,
);
