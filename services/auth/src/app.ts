import cookieParser from 'cookie-parser';
import type { Express } from 'express';
import { createTokenVerifier, requireAuth } from '@taskflow/service-kit/auth';
import { createHttpApp, finishHttpApp } from '@taskflow/service-kit/http';
import type { ReadinessCheck } from '@taskflow/service-kit/health';
import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import { createWithTransaction, type CommitListener } from '@taskflow/service-kit/outbox';
import type { AuthDb, DbOrTx } from './data/user.repository';
import { createAccountService } from './domain/account.service';
import { createAuthService } from './domain/auth.service';
import type { PasswordHasher } from './domain/password-hasher';
import { createAccessTokenIssuer, type SigningKey } from './keys/signing-key';
import { accountRoutes } from './http/account.routes';
import { authRoutes } from './http/auth.routes';
import type { Throttle } from './http/rate-limits';
import { buildOpenApiDocument } from './http/openapi';

export interface AuthAppDeps {
  db: AuthDb;
  relay: CommitListener;
  logger: Logger;
  metrics: Metrics;
  hasher: PasswordHasher;
  signingKey: SigningKey;
  /** The key before the last rotation: published and accepted, never used to sign. */
  previousKey?: SigningKey;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  rotationGraceMs?: number;
  secureCookies: boolean;
  checks: Record<string, ReadinessCheck>;
  isShuttingDown?: () => boolean;
  throttle: Throttle;
  /** Where the SPA runs (password reset links). */
  appUrl: string;
}

export function createApp(deps: AuthAppDeps): Express {
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: deps.checks,
    isShuttingDown: deps.isShuttingDown,
    openApi: { path: '/api/auth/openapi.json', document: buildOpenApiDocument() },
    hsts: deps.secureCookies,
  });
  app.use(cookieParser());

  const withTransaction = createWithTransaction<DbOrTx>((fn) => deps.db.transaction(fn), deps.relay, 'auth');
  const auth = createAuthService({
    db: deps.db,
    withTransaction,
    hasher: deps.hasher,
    tokens: createAccessTokenIssuer(deps.signingKey, {
      issuer: deps.issuer,
      audience: deps.audience,
      ttlSeconds: deps.accessTtlSeconds,
    }),
    refreshTtlDays: deps.refreshTtlDays,
    rotationGraceMs: deps.rotationGraceMs,
  });
  const publishedKeys = [deps.signingKey, ...(deps.previousKey ? [deps.previousKey] : [])];
  const account = createAccountService({ db: deps.db, withTransaction, hasher: deps.hasher, appUrl: deps.appUrl });
  // Auth verifies its own tokens with the key it holds, and asks its own sessions table whether the
  // session was ended; other services use the JWKS and what session.revoked told them.
  const verifier = createTokenVerifier({
    resolveKey: async (kid) => publishedKeys.find((key) => key.kid === kid)?.publicKey,
    issuer: deps.issuer,
    audience: deps.audience,
    isRevoked: (sessionId) => account.isSessionEnded(sessionId),
  });
  app.use(
    authRoutes({
      auth,
      verifier,
      publishedKeys,
      secureCookies: deps.secureCookies,
      throttle: deps.throttle,
    }),
  );

  app.use(
    accountRoutes({
      account,
      requireAuth: requireAuth(verifier),
      throttle: deps.throttle,
    }),
  );

  finishHttpApp(app, deps.logger);
  return app;
}
