// First: V8 flags are set before anything else runs.
import '@taskflow/service-kit/v8-flags';
import { loadConfig } from '@taskflow/service-kit/config';
import { createLogger } from '@taskflow/service-kit/logger';
import { runService } from '@taskflow/service-kit/service';
import { notificationsEnv } from './config';
import { startNotificationsService } from './service';

const config = loadConfig(notificationsEnv);
const logger = createLogger('notifications', config.LOG_LEVEL);
await runService(logger, config.SHUTDOWN_TIMEOUT_MS, (lifecycle) =>
  startNotificationsService(config, { logger, lifecycle }),
);
