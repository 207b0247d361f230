import type { Express } from 'express';
import { requireAuth, type TokenVerifier } from '@taskflow/service-kit/auth';
import type { ReadinessCheck } from '@taskflow/service-kit/health';
import { createHttpApp, finishHttpApp } from '@taskflow/service-kit/http';
import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import type { NotificationService } from './domain/notification.service';
import { notificationRoutes } from './http/notification.routes';
import { buildOpenApiDocument } from './http/openapi';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  verifier: TokenVerifier;
  notifications: NotificationService;
  checks: Record<string, ReadinessCheck>;
  isShuttingDown?: () => boolean;
}

/** The HTTP side of the service, without listen(): startNotificationsService (service.ts) starts it. */
export function createApp(deps: AppDeps): Express {
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: deps.checks,
    isShuttingDown: deps.isShuttingDown,
    openApi: { path: '/api/notifications/openapi.json', document: buildOpenApiDocument() },
  });

  app.use(notificationRoutes({ notifications: deps.notifications, requireAuth: requireAuth(deps.verifier) }));
  finishHttpApp(app, deps.logger);
  return app;
}
