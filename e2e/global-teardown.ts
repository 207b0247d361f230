// Runs once after the browser tests: stop the test stack, then remove everything this run created
// (its two databases, its Redis keys, its exchange and state dir). Queues expire on their own
// (QUEUE_EXPIRES_MS). Playwright runs this *before* it stops the webServer, so stop it here first:
// otherwise the services would recreate keys or fail while their databases disappear.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { connect as connectAmqp } from 'amqplib';
import { Redis } from 'ioredis';
import pg from 'pg';
import { e2eStack } from '../playwright.config';

async function stopTestStack(): Promise<void> {
  const pidFile = path.join(import.meta.dirname, '..', '.data', `start-${e2eStack.port}.pid`);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!pid || !alive()) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function dropDatabases(): Promise<void> {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@localhost:5432');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const name of e2eStack.databases) {
      await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL || 'redis://localhost:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  await redis.connect();
  try {
    const pattern = `${e2eStack.redisKeyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function deleteExchange(): Promise<void> {
  const connection = await connectAmqp(process.env.AMQP_URL || 'amqp://guest:guest@localhost:5672');
  try {
    const channel = await connection.createChannel();
    await channel.deleteExchange(e2eStack.eventsExchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}

export default async function globalTeardown(): Promise<void> {
  await stopTestStack();
  const results = await Promise.allSettled([dropDatabases(), deleteRedisKeys(), deleteExchange()]);
  rmSync(e2eStack.dataDir, { recursive: true, force: true });
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  for (const error of errors) console.error('e2e teardown:', error);
  if (errors.length) throw new Error(`e2e teardown could not clean up ${errors.length} resource(s)`);
}
