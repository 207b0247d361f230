import { parseConfig } from '@taskflow/service-kit/config';
import { createLogger } from '@taskflow/service-kit/logger';
import { listRoutes, type AppRoute } from '@taskflow/service-kit/routes';
import type { RunningService } from '@taskflow/service-kit/service';
import { authEnv } from '../services/auth/src/config';
import { startAuthService } from '../services/auth/src/service';
import { notificationsEnv } from '../services/notifications/src/config';
import { startNotificationsService } from '../services/notifications/src/service';
import { tasksEnv } from '../services/tasks/src/config';
import { startTasksService } from '../services/tasks/src/service';
import type { ServiceName, Stack } from './stack';

export type ServiceRoute = AppRoute & { service: ServiceName };

const logger = createLogger('system-routes', 'silent');
const starters: Record<ServiceName, (env: Record<string, string>) => Promise<RunningService>> = {
  auth: (env) => startAuthService(parseConfig(authEnv, env), { logger }),
  tasks: (env) => startTasksService(parseConfig(tasksEnv, env), { logger }),
  notifications: (env) => startNotificationsService(parseConfig(notificationsEnv, env), { logger }),
};

/**
 * The `/api/` routes each service's router really registers. The stack's processes cannot hand
 * their Express app across, so each service is started once more in this process, through its
 * composition root and the stack's environment (on port 0), just long enough to read `app`'s
 * routes. Call it before the test makes data: the twin shares the stack's database, queues and
 * outbox while it runs.
 */
export async function readApiRoutes(stack: Stack): Promise<ServiceRoute[]> {
  const routes: ServiceRoute[] = [];
  for (const [service, start] of Object.entries(starters) as [ServiceName, (typeof starters)[ServiceName]][]) {
    const twin = await start({ ...stack.envOf[service], PORT: '0', LOG_LEVEL: 'silent' });
    // The Socket.IO streams adapter subscribes on a Redis connection of its own once that connects, and
    // does not catch a SUBSCRIBE cut short by a stop; a twin stopped at once left an unhandled rejection.
    if (service === 'notifications') await new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      for (const route of listRoutes(twin.app)) if (route.path.startsWith('/api/')) routes.push({ ...route, service });
    } finally {
      await twin.stop();
    }
  }
  return routes;
}
