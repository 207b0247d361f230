// Removes what a throw-away TaskFlow stack created on the shared PostgreSQL, Redis and RabbitMQ.
// The same steps as e2e/global-teardown.ts, but parameterised and plain ESM so scripts can import
// them (that file's functions are private and bound to Playwright's e2eStack).
import { connect as connectAmqp } from 'amqplib';
import { Redis } from 'ioredis';
import pg from 'pg';

const postgresUrl = (database = 'postgres') => {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@localhost:5432');
  url.pathname = `/${database}`;
  return url.toString();
};

export const databaseUrl = postgresUrl;

export async function dropDatabases(names) {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

export async function deleteRedisKeys(prefix) {
  if (!prefix) throw new Error('deleteRedisKeys: an empty prefix would match every key');
  const redis = new Redis(process.env.REDIS_URL || 'redis://localhost:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
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

/** Deletes the exchange and the named queues (deleting a queue that does not exist is not an error). */
export async function deleteBrokerObjects({ exchange, queues = [] }) {
  const connection = await connectAmqp(process.env.AMQP_URL || 'amqp://guest:guest@localhost:5672');
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    if (exchange) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}
