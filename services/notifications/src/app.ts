import type { Express } from 'express';
import { requireAuth, type TokenVerifier } from '@taskflow/service-kit/auth';
import type { ReadinessCheck } from '@taskflow/service-kit/health';
import { createHttpApp, finishHttpApp } from '@taskflow/service-kit/http';
import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import type { NotificationService } from './domain/notification.service';
import type { PreferenceService } from './domain/preference.service';
import { notificationRoutes } from './http/notification.routes';
import { preferenceRoutes } from './http/preference.routes';
import { buildOpenApiDocument } from './http/openapi';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  verifier: TokenVerifier;
  notifications: NotificationService;
  preferences: PreferenceService;
  checks: Record<string, ReadinessCheck>;
  isShuttingDown?: () => boolean;
  /** Served over https (APP_URL): send HSTS. */
  hsts?: boolean;
}

/** The HTTP side of the service, without listen(): startNotificationsService (service.ts) starts it. */
export function createApp(deps: AppDeps): Express {
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    checks: deps.checks,
    isShuttingDown: deps.isShuttingDown,
    openApi: { path: '/api/notifications/openapi.json', document: buildOpenApiDocument() },
    hsts: deps.hsts,
  });

  const auth = requireAuth(deps.verifier);
  // Preferences first: `/api/notifications/preferences` is a fixed path, not a notification id.
  app.use(preferenceRoutes({ preferences: deps.preferences, requireAuth: auth }));
  app.use(notificationRoutes({ notifications: deps.notifications, requireAuth: auth }));
  finishHttpApp(app, deps.logger);
  return app;
}
