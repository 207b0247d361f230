import { z } from 'zod';
import {
  amqpEnv,
  appUrlEnv,
  baseEnv,
  databaseEnv,
  httpEnv,
  jwtEnv,
  loadConfig,
  redisEnv,
} from '@taskflow/service-kit/config';

/** The environment of the auth service. */
export const authEnv = baseEnv
  .extend(httpEnv(3001).shape)
  .extend(databaseEnv('taskflow_auth').shape)
  .extend(amqpEnv.shape)
  .extend(jwtEnv.shape)
  .extend(appUrlEnv.shape)
  .extend(redisEnv.shape)
  .extend({
    /** PEM file of the ES256 signing key; generated on first start when missing. */
    AUTH_KEY_FILE: z.string().min(1).default('.data/auth-signing-key.pem'),
    /**
     * PEM file of the key signed with before the last rotation: still published in the JWKS and
     * accepted, never used to sign, so tokens it signed keep working until they expire.
     */
    AUTH_PREVIOUS_KEY_FILE: z.string().min(1).optional(),
    ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** A refresh token presented again within this window is two tabs racing, not theft. */
    REFRESH_REUSE_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(20_000),
    /** How many argon2 hashes may run at once; more wait in line, and past the line → 503. */
    HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** How many hashes one address may have running or waiting at once; past that → 429 for that address only. */
    HASH_QUEUE_PER_CLIENT: z.coerce.number().int().min(1).max(1000).default(4),
    /**
     * Attempts per minute on one account (failed sign-ins, password changes, registrations, reset
     * requests), counted in Redis so every instance shares them. A successful sign-in is not counted.
     */
    RATE_LIMIT_ACCOUNT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
    /** The same attempts per minute from one address, whatever the account. */
    RATE_LIMIT_IP_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(30),
  });

export type AuthConfig = z.infer<typeof authEnv>;

export const loadAuthConfig = (): AuthConfig => loadConfig(authEnv);
