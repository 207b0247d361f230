import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@taskflow/service-kit/config';
import { authEnv } from '../src/config';
import { startAuthService } from '../src/service';
import { createLogger } from '@taskflow/service-kit/logger';

const production = {
  NODE_ENV: 'production',
  AMQP_URL: 'amqp://taskflow:s3cret-broker@broker:5672',
  DATABASE_URL: 'postgres://auth:s3cret-db@db:5432/taskflow_auth',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(authEnv, env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.split(':')[0]);
    throw err;
  }
};

describe('production configuration', () => {
  it('refuses the development defaults: guest:guest, a broker or database without a password', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).sort()).toEqual(['AMQP_URL', 'DATABASE_URL']);
    expect(problemsOf({ ...production, AMQP_URL: 'amqp://guest:guest@broker:5672' })).toEqual(['AMQP_URL']);
    expect(problemsOf({ ...production, AMQP_URL: 'amqp://broker:5672' })).toEqual(['AMQP_URL']);
    expect(problemsOf({ ...production, DATABASE_URL: 'postgres://auth@db:5432/taskflow_auth' })).toEqual([
      'DATABASE_URL',
    ]);
    expect(problemsOf(production)).toEqual([]);
  });

  it('accepts them in development, in tests and for the local stack (npm start says so)', () => {
    expect(problemsOf({ NODE_ENV: 'development' })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'test' })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'production', ALLOW_DEVELOPMENT_DEFAULTS: 'true' })).toEqual([]);
  });

  it('does not start without its signing key, instead of generating one', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'tf-nokey-')), 'missing.pem');
    const config = parseConfig(authEnv, { ...production, AUTH_KEY_FILE: keyFile });
    await expect(startAuthService(config, { logger: createLogger('auth', 'silent') })).rejects.toThrow(
      /AUTH_KEY_FILE .* does not exist/,
    );
  });
});
