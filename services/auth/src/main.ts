import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Broker } from '@taskflow/service-kit/broker';
import { openDatabase } from '@taskflow/service-kit/db';
import { createLogger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { OutboxRelay } from '@taskflow/service-kit/outbox';
import { closeServer, handleShutdown } from '@taskflow/service-kit/shutdown';
import { createApp } from './app';
import { loadAuthConfig } from './config';
import * as schema from './data/schema';
import { createPasswordHasher } from './domain/password-hasher';
import { loadOrCreateSigningKey } from './domain/signing-key';

const config = loadAuthConfig();
const logger = createLogger('auth', config.LOG_LEVEL);

const { pool, db } = await openDatabase(config.DATABASE_URL, schema, {
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
});

const broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, logger });
await broker.start();
const relay = new OutboxRelay({ pool, broker, logger, pollMs: config.OUTBOX_POLL_MS });
relay.start();

let server: Server | undefined;
const shutdown = handleShutdown(
  logger,
  [
    ['http', () => server && closeServer(server)],
    ['outbox relay', () => relay.stop()],
    ['broker', () => broker.close()],
    ['postgres', () => pool.end()],
  ],
  config.SHUTDOWN_TIMEOUT_MS,
);

const app = createApp({
  db,
  relay,
  logger,
  metrics: createMetrics('auth'),
  hasher: createPasswordHasher({ concurrency: config.HASH_CONCURRENCY }),
  signingKey: loadOrCreateSigningKey(config.AUTH_KEY_FILE),
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  accessTtlSeconds: config.ACCESS_TOKEN_TTL_S,
  refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
  secureCookies: config.APP_URL.startsWith('https:'),
  checks: { postgres: () => pool.query('SELECT 1'), rabbitmq: () => broker.ping() },
  isShuttingDown: shutdown.isShuttingDown,
});

server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, 'auth listening'));
// Longer than nginx's upstream keepalive_timeout, so nginx closes idle connections first.
server.keepAliveTimeout = 65_000;
