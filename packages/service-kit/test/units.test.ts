import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTokenVerifier } from '../src/auth';
import { amqpEnv, baseEnv, ConfigError, databaseEnv, parseConfig } from '../src/config';
import { AppError, ErrorCode } from '../src/errors';
import { toProblem } from '../src/http';
import { createTestTokens } from '../src/testing';

describe('config', () => {
  it('lists every bad key at once', () => {
    const schema = baseEnv.extend(databaseEnv('x').shape).extend(amqpEnv.shape);
    try {
      parseConfig(schema, { NODE_ENV: 'staging', DATABASE_URL: 'mysql://nope', CONSUMER_PREFETCH: '0' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const keys = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(keys).toEqual(['CONSUMER_PREFETCH', 'DATABASE_URL', 'NODE_ENV']);
    }
  });

  it('fills defaults for localhost', () => {
    const config = parseConfig(databaseEnv('taskflow_tasks').extend(amqpEnv.shape), {});
    expect(config.DATABASE_URL).toBe('postgres://postgres@localhost:5432/taskflow_tasks');
    expect(config.AMQP_URL).toBe('amqp://guest:guest@localhost:5672');
  });
});

describe('problem mapping', () => {
  it('names each invalid and each unknown field, and says "is required" for a missing one', () => {
    const schema = z.object({ title: z.string(), count: z.number().max(3) }).strict();
    const result = schema.safeParse({ count: 9, extra: true });
    const { problem } = toProblem(result.error);
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'is required' },
        expect.objectContaining({ path: 'count' }),
        { path: 'extra', message: 'is not a known field' },
      ]),
    );
  });

  it('keeps the status and code of an AppError and masks anything unknown as a bare 500', () => {
    expect(toProblem(new AppError(ErrorCode.versionConflict, 'stale')).problem).toMatchObject({
      status: 412,
      code: 'version_conflict',
      detail: 'stale',
    });
    const masked = toProblem(new Error('duplicate key value violates unique constraint "users_email_idx"'));
    expect(masked.unexpected).toBe(true);
    expect(JSON.stringify(masked.problem)).not.toMatch(/users_email_idx/);
  });
});

describe('token verifier', () => {
  it('verifies once and serves the cached claims until expiry', async () => {
    const tokens = createTestTokens();
    let lookups = 0;
    const verifier = createTokenVerifier({
      resolveKey: async (kid) => {
        lookups++;
        return tokens.resolveKey(kid);
      },
      issuer: tokens.issuer,
      audience: tokens.audience,
    });
    const token = tokens.sign('11111111-1111-4111-8111-111111111111');
    expect((await verifier.verify(token)).sub).toBe('11111111-1111-4111-8111-111111111111');
    await verifier.verify(token);
    expect(lookups).toBe(1);
  });

  it('rejects a token from another issuer', async () => {
    const tokens = createTestTokens({ issuer: 'someone-else' });
    const verifier = createTokenVerifier({
      resolveKey: tokens.resolveKey,
      issuer: 'taskflow-auth',
      audience: 'taskflow',
    });
    await expect(verifier.verify(tokens.sign('11111111-1111-4111-8111-111111111111'))).rejects.toMatchObject({
      status: 401,
    });
  });
});
