import { randomBytes } from 'node:crypto';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
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
export async function waitFor<T>(probe: () => Promise<T> | T, { timeoutMs = 5000, intervalMs = 25, what = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
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
    sign: (userId: string, { sessionId = randomUUID(), expiresIn = 900 }: { sessionId?: string; expiresIn?: number } = {}) =>
      jwt.sign({ typ: 'access', sid: sessionId }, privateKey, { algorithm: 'ES256', keyid: kid, subject: userId, issuer, audience, expiresIn }),
  };
}
