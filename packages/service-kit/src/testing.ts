import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import type { AnyEvent } from '@taskflow/contracts/events';
import jwt from 'jsonwebtoken';
import { Redis } from 'ioredis';
import { dropDatabase, ensureDatabase } from './db';

/** Helpers for component tests: each run gets its own database, key prefix and queue names. */

export const testRunId = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export const TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432';
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';
export const TEST_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

export async function createTestDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = `${TEST_PG_URL}/${name}`;
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

/** Polls `probe` until it returns a truthy value or the timeout passes. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 5000, intervalMs = 25, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Signs access tokens the way auth does, with a throw-away key, so a service's component tests
 * can authenticate without running auth. Pass `resolveKey` to createTokenVerifier.
 */
export function createTestTokens(opts: { issuer?: string; audience?: string } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuer = opts.issuer ?? 'taskflow-auth';
  const audience = opts.audience ?? 'taskflow';
  const kid = 'test-key';
  return {
    issuer,
    audience,
    resolveKey: async (k: string | undefined) => (k === kid ? publicKey : undefined),
    sign: (
      userId: string,
      { sessionId = randomUUID(), expiresIn = 900 }: { sessionId?: string; expiresIn?: number } = {},
    ) =>
      jwt.sign({ typ: 'access', sid: sessionId }, privateKey, {
        algorithm: 'ES256',
        keyid: kid,
        subject: userId,
        issuer,
        audience,
        expiresIn,
      }),
  };
}

/**
 * Binds a throw-away queue to `exchange` and records every event published there, so a test can
 * assert on what a service really sent through RabbitMQ.
 */
export async function collectEvents(exchange: string, url = TEST_AMQP_URL) {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, '#');
  const events: AnyEvent[] = [];
  await channel.consume(
    queue,
    (msg) => {
      if (msg) events.push(JSON.parse(msg.content.toString('utf8')) as AnyEvent);
    },
    { noAck: true },
  );
  return {
    events,
    waitFor: (predicate: (e: AnyEvent) => boolean, what = 'event') => waitFor(() => events.find(predicate), { what }),
    close: async () => {
      await connection.close().catch(() => undefined);
    },
  };
}

/** Drops the queues a test consumer declared (main, retries, dlq) and the test exchange. */
export async function deleteTopology(exchange: string, queues: string[], url = TEST_AMQP_URL): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    await channel.deleteExchange(exchange);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Unlinks every key under `prefix` (a test run's namespace); refuses an empty prefix. */
export async function deleteRedisKeys(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  if (!prefix) throw new Error('deleteRedisKeys: an empty prefix would match every key');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
