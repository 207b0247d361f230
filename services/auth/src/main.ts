// First: V8 flags are set before anything else runs.
import '@taskflow/service-kit/v8-flags';
import { createLogger } from '@taskflow/service-kit/logger';
import { runService } from '@taskflow/service-kit/service';
import { loadAuthConfig } from './config';
import { startAuthService } from './service';

const config = loadAuthConfig();
const logger = createLogger('auth', config.LOG_LEVEL);
await runService(logger, config.SHUTDOWN_TIMEOUT_MS, (lifecycle) => startAuthService(config, { logger, lifecycle }));
