import cookieParser from 'cookie-parser';
import type { Express } from 'express';
import { createTokenVerifier } from '@taskflow/service-kit/auth';
import { createHttpApp, finishHttpApp } from '@taskflow/service-kit/http';
import type { ReadinessCheck } from '@taskflow/service-kit/health';
import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import { createWithTransaction } from '@taskflow/service-kit/outbox';
import type { AuthDb } from './data/user.repository';
import { createAuthService } from './domain/auth.service';
import type { PasswordHasher } from './domain/password-hasher';
import { createAccessTokenIssuer, type SigningKey } from './keys/signing-key';
import { authRoutes } from './http/auth.routes';
import type { Throttle } from './http/rate-limits';
import { buildOpenApiDocument } from './http/openapi';

export interface AuthAppDeps {
  db: AuthDb;
  relay: { kick(): void };
  logger: Logger;
  metrics: Metrics;
  hasher: PasswordHasher;
  signingKey: SigningKey;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  rotationGraceMs?: number;
  secureCookies: boolean;
  checks: Record<string, ReadinessCheck>;
  isShuttingDown?: () => boolean;
  throttle: Throttle;
}

export function createApp(deps: AuthAppDeps): Express {
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: deps.checks,
    isShuttingDown: deps.isShuttingDown,
    openApi: { path: '/api/auth/openapi.json', document: buildOpenApiDocument() },
  });
  app.use(cookieParser());

  const auth = createAuthService({
    db: deps.db,
    withTransaction: createWithTransaction((fn) => deps.db.transaction(fn), deps.relay, 'auth'),
    hasher: deps.hasher,
    tokens: createAccessTokenIssuer(deps.signingKey, {
      issuer: deps.issuer,
      audience: deps.audience,
      ttlSeconds: deps.accessTtlSeconds,
    }),
    refreshTtlDays: deps.refreshTtlDays,
    rotationGraceMs: deps.rotationGraceMs,
  });
  // Auth verifies its own tokens with the key it holds; other services use the JWKS.
  const verifier = createTokenVerifier({
    resolveKey: async (kid) => (kid === deps.signingKey.kid ? deps.signingKey.publicKey : undefined),
    issuer: deps.issuer,
    audience: deps.audience,
  });
  app.use(
    authRoutes({
      auth,
      verifier,
      signingKey: deps.signingKey,
      secureCookies: deps.secureCookies,
      throttle: deps.throttle,
    }),
  );

  finishHttpApp(app, deps.logger);
  return app;
}
