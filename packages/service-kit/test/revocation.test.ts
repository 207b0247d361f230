import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { toProblem } from '../src/http';
import { createRedis } from '../src/redis';
import { createRevokedSessions } from '../src/revocation';
import { deleteRedisKeys, TEST_REDIS_URL, testRunId } from '../src/testing';

const prefix = `taskflow-test-revocation-${testRunId()}:`;
const redis = createRedis(TEST_REDIS_URL, prefix);
afterAll(async () => {
  redis.disconnect();
  await deleteRedisKeys(prefix);
});

it('is shared through Redis: what one instance revokes, another refuses after its short recheck', async () => {
  const one = createRevokedSessions(redis);
  const other = createRevokedSessions(redis, { recheckMs: 0 });
  const sessionId = randomUUID();
  expect(await other.isRevoked(sessionId)).toBe(false);
  await one.revoke(sessionId);
  expect(await one.isRevoked(sessionId)).toBe(true);
  expect(await other.isRevoked(sessionId)).toBe(true);
  expect(await redis.ttl(`revoked-session:${sessionId}`)).toBeGreaterThan(3500);
  expect(await other.isRevoked(randomUUID())).toBe(false);
});

it('answers 503 when Redis cannot say, never "not revoked"', async () => {
  const broken = createRedis('redis://127.0.0.1:1', prefix);
  broken.on('error', () => undefined);
  try {
    const err = await createRevokedSessions(broken)
      .isRevoked(randomUUID())
      .catch((e: unknown) => e);
    expect(toProblem(err).problem.status).toBe(503);
  } finally {
    broken.disconnect();
  }
});
