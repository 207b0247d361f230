import type { Server } from 'node:http';
import type { Logger } from './logger';

export type ShutdownStep = [name: string, run: () => Promise<unknown> | unknown];

/**
 * On SIGTERM/SIGINT: run the steps in order (stop taking work first, close connections last),
 * each bounded by the overall timeout, then exit. A second signal exits at once.
 */
export function handleShutdown(
  logger: Logger,
  steps: ShutdownStep[] | (() => ShutdownStep[]),
  timeoutMs = 10_000,
): { isShuttingDown: () => boolean } {
  let shuttingDown = false;
  const run = async (signal: string) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown timed out, exiting');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    let failed = false;
    for (const [name, step] of typeof steps === 'function' ? steps() : steps) {
      try {
        await step();
      } catch (err) {
        failed = true;
        logger.error({ err, step: name }, 'shutdown step failed');
      }
    }
    logger.info('stopped');
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGTERM', () => void run('SIGTERM'));
  process.on('SIGINT', () => void run('SIGINT'));
  return { isShuttingDown: () => shuttingDown };
}

/** Stops accepting connections, lets in-flight requests finish, closes idle keep-alive sockets. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
