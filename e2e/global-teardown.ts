// Runs once after the browser tests: stop the test stack, then remove everything this run created
// (its two databases, its Redis keys, its exchange and state dir). Queues expire on their own
// (QUEUE_EXPIRES_MS). Playwright runs this *before* it stops the webServer, so stop it here first:
// otherwise the services would recreate keys or fail while their databases disappear.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase } from '@taskflow/service-kit/db';
import { deleteRedisKeys, deleteTopology } from '@taskflow/service-kit/testing';
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

export default async function globalTeardown(): Promise<void> {
  await stopTestStack();
  const databaseUrl = (name: string) => {
    const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@localhost:5432');
    url.pathname = `/${name}`;
    return url.toString();
  };
  const results = await Promise.allSettled([
    ...e2eStack.databases.map((name) => dropDatabase(databaseUrl(name))),
    deleteRedisKeys(e2eStack.redisKeyPrefix, process.env.REDIS_URL || 'redis://localhost:6379'),
    deleteTopology(e2eStack.eventsExchange, [], process.env.AMQP_URL || 'amqp://guest:guest@localhost:5672'),
  ]);
  rmSync(e2eStack.dataDir, { recursive: true, force: true });
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  for (const error of errors) console.error('e2e teardown:', error);
  if (errors.length) throw new Error(`e2e teardown could not clean up ${errors.length} resource(s)`);
}
