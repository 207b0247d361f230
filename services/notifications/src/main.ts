import { loadConfig } from '@taskflow/service-kit/config';
import { createLogger } from '@taskflow/service-kit/logger';
import { handleShutdown } from '@taskflow/service-kit/shutdown';
import { notificationsEnv } from './config';
import { startNotificationsService } from './service';

const config = loadConfig(notificationsEnv);
const logger = createLogger('notifications', config.LOG_LEVEL);

let shutdown: { isShuttingDown: () => boolean } | undefined;
const service = await startNotificationsService(config, {
  logger,
  isShuttingDown: () => shutdown?.isShuttingDown() ?? false,
}).catch((err: unknown) => {
  logger.fatal({ err }, 'notifications failed to start');
  process.exit(1);
});
shutdown = handleShutdown(logger, service.shutdownSteps, config.SHUTDOWN_TIMEOUT_MS);
