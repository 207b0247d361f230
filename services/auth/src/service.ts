import { fileURLToPath } from 'node:url';
import { Broker } from '@taskflow/service-kit/broker';
import { isStrictProduction } from '@taskflow/service-kit/config';
import { openDatabase } from '@taskflow/service-kit/db';
import { createLogger, type Logger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { OutboxRelay } from '@taskflow/service-kit/outbox';
import { createRedis } from '@taskflow/service-kit/redis';
import { notShuttingDown, serveService, type Lifecycle, type RunningService } from '@taskflow/service-kit/service';
import { createApp } from './app';
import type { AuthConfig } from './config';
import * as schema from './data/schema';
import { createPasswordHasher } from './domain/password-hasher';
import { createThrottle } from './http/rate-limits';
import { loadOrCreateSigningKey, loadSigningKey } from './keys/signing-key.store';

export interface AuthServiceOverrides {
  logger?: Logger;
  lifecycle?: Lifecycle;
  /** A refresh presented again within this window is a race between tabs (tests set 0). */
  rotationGraceMs?: number;
}

/**
 * The auth service's one composition root: database (created and migrated), broker and outbox
 * relay, signing key, password hasher, the HTTP app. main.ts and the tests both start it here.
 */
export async function startAuthService(
  config: AuthConfig,
  overrides: AuthServiceOverrides = {},
): Promise<RunningService> {
  const logger = overrides.logger ?? createLogger('auth', config.LOG_LEVEL);
  const { isShuttingDown } = overrides.lifecycle ?? notShuttingDown;

  // Keys first: a deployment without its key stops here, before it opens anything.
  const signingKey = loadOrCreateSigningKey(config.AUTH_KEY_FILE, { create: !isStrictProduction(config) });
  const previousKey = config.AUTH_PREVIOUS_KEY_FILE ? loadSigningKey(config.AUTH_PREVIOUS_KEY_FILE) : undefined;

  const { pool, db } = await openDatabase(config.DATABASE_URL, schema, {
    migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  });
  const broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, logger });
  await broker.start();
  const relay = new OutboxRelay({ pool, broker, logger, pollMs: config.OUTBOX_POLL_MS });
  relay.start();
  // Rate-limit counters: shared by every instance, so guesses cannot be spread over them.
  const redis = createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);

  const app = createApp({
    db,
    relay,
    logger,
    metrics: createMetrics('auth'),
    hasher: createPasswordHasher({ concurrency: config.HASH_CONCURRENCY, perClient: config.HASH_QUEUE_PER_CLIENT }),
    signingKey,
    previousKey,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_S,
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    rotationGraceMs: overrides.rotationGraceMs ?? config.REFRESH_REUSE_GRACE_MS,
    secureCookies: config.APP_URL.startsWith('https:'),
    appUrl: config.APP_URL,
    checks: {
      postgres: () => pool.query('SELECT 1'),
      rabbitmq: () => broker.ping(),
      redis: () => redis.ping(),
    },
    isShuttingDown,
    throttle: createThrottle(redis, {
      perAccount: config.RATE_LIMIT_ACCOUNT_PER_MIN,
      perAddress: config.RATE_LIMIT_IP_PER_MIN,
    }),
  });

  return serveService({
    app,
    port: config.PORT,
    host: config.HOST,
    name: 'auth',
    logger,
    shutdownSteps: [
      ['outbox relay', () => relay.stop()],
      ['broker', () => broker.close()],
      ['postgres', () => pool.end()],
      ['redis', () => redis.quit()],
    ],
  });
}
