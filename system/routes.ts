import { parseConfig } from '@taskflow/service-kit/config';
import { createLogger } from '@taskflow/service-kit/logger';
import { listDocumentedOperations } from '@taskflow/service-kit/openapi-testing';
import { listRoutes, type AppRoute } from '@taskflow/service-kit/routes';
import type { RunningService } from '@taskflow/service-kit/service';
import { authEnv } from '../services/auth/src/config';
import { startAuthService } from '../services/auth/src/service';
import { notificationsEnv } from '../services/notifications/src/config';
import { startNotificationsService } from '../services/notifications/src/service';
import type { ServiceName, Stack } from './stack';

export type ServiceRoute = AppRoute & { service: ServiceName };

const logger = createLogger('system-routes', 'silent');
const starters: Partial<Record<ServiceName, (env: Record<string, string>) => Promise<RunningService>>> = {
  auth: (env) => startAuthService(parseConfig(authEnv, env), { logger }),
  notifications: (env) => startNotificationsService(parseConfig(notificationsEnv, env), { logger }),
};
/** Where a service without a composition root yet serves its OpenAPI document. */
const documents: Partial<Record<ServiceName, string>> = { tasks: '/api/tasks/openapi.json' };

/**
 * The `/api/` routes each service's router really registers. The stack's processes cannot hand
 * their Express app across, so each service is started once more in this process, through its
 * composition root and the stack's environment (on port 0), just long enough to read `app`'s
 * routes. Call it before the test makes data: the twin shares the stack's queues while it runs.
 *
 * tasks has no `startTasksService` yet: its routes come from the OpenAPI document its running
 * process serves, which its own openapi test holds equal to the routes its app registers.
 */
export async function readApiRoutes(stack: Stack): Promise<ServiceRoute[]> {
  const routes: ServiceRoute[] = [];
  for (const [service, start] of Object.entries(starters) as [ServiceName, NonNullable<typeof starters.auth>][]) {
    const twin = await start({ ...stack.envOf[service], PORT: '0', LOG_LEVEL: 'silent' });
    try {
      for (const route of listRoutes(twin.app)) if (route.path.startsWith('/api/')) routes.push({ ...route, service });
    } finally {
      await twin.stop();
    }
  }
  for (const [service, path] of Object.entries(documents) as [ServiceName, string][]) {
    const res = await fetch(`${stack.urls[service]}${path}`);
    if (!res.ok) throw new Error(`${service} did not serve ${path}: ${res.status}`);
    routes.push({ service, method: 'GET', path });
    for (const operation of listDocumentedOperations((await res.json()) as object)) {
      const [method, template] = operation.split(' ') as [string, string];
      routes.push({ service, method, path: template.replace(/\{(\w+)\}/g, ':$1') });
    }
  }
  return routes;
}
