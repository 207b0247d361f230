import { IncomingMessage, ServerResponse, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from './logger';
import { closeServer, handleShutdown, type ShutdownStep } from './shutdown';

/**
 * What every service's composition root (`start<Name>Service(config, overrides?)`) returns:
 * main.ts wires its shutdown steps to signals, tests call `stop()`.
 */
export interface RunningService {
  /** `http://127.0.0.1:<port>` — where the service answers. */
  url: string;
  port: number;
  /** The Express app, for tests that read its routes (Socket.IO may own the server's listener). */
  app: Express;
  /** In order: stop taking work first, close connections last. */
  shutdownSteps: ShutdownStep[];
  stop(): Promise<void>;
}

/** Lets the composition root ask whether a signal has started the shutdown (readiness answers 503 then). */
export interface Lifecycle {
  isShuttingDown: () => boolean;
}

export const notShuttingDown: Lifecycle = { isShuttingDown: () => false };

/**
 * Request and response classes for Node's HTTP server whose objects have `app`'s prototypes from
 * birth. Express gives every request and response its app's prototypes (`Object.setPrototypeOf`)
 * as it takes them; done to a live object, that costs V8 a hidden-class change per object, and,
 * measured, made about a third of what a request allocated survive young-generation collections
 * and a bare Express app answer 4× fewer requests a second. The app's prototypes become these
 * classes' (same chain, one link more), so Express's call finds nothing to change.
 */
function bornWithAppPrototypes(app: Express) {
  class Request extends IncomingMessage {}
  class Response<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
  Object.setPrototypeOf(Request.prototype, app.request);
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as Express['request'];
  app.response = Response.prototype as unknown as Express['response'];
  return { IncomingMessage: Request, ServerResponse: Response };
}

/**
 * The HTTP server of every service. Idle keep-alive connections outlive nginx's upstream keepalive
 * timeout (60 s), so nginx is always the side that closes them and never sends a request down a
 * connection the service is closing (a 502). Requests and responses are made with the app's
 * prototypes (see `bornWithAppPrototypes`).
 */
export function createHttpServer(app: Express): Server {
  const server = createServer(bornWithAppPrototypes(app), app);
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Starts listening and resolves with the port actually bound (port 0 picks a free one). */
export async function listen(server: Server, port: number, host?: string): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return { port: bound, url: `http://127.0.0.1:${bound}` };
}

/** Runs the steps in order, each even if an earlier one failed; rethrows the first failure. */
export async function runSteps(steps: ShutdownStep[], logger?: Logger): Promise<void> {
  let first: unknown;
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (err) {
      logger?.error({ err, step: name }, 'shutdown step failed');
      first ??= err;
    }
  }
  if (first !== undefined) throw first;
}

/** Builds the `{ url, port, app, shutdownSteps, stop }` a composition root returns. */
export function runningService(
  parts: { app: Express; port: number; url: string; shutdownSteps: ShutdownStep[] },
  logger?: Logger,
): RunningService {
  let stopped: Promise<void> | undefined;
  return { ...parts, stop: () => (stopped ??= runSteps(parts.shutdownSteps, logger)) };
}

/**
 * The last part of every composition root: serves `app` on `port` and returns the RunningService,
 * whose first shutdown step stops taking requests (and closes what `attach` hooked onto the server,
 * the Socket.IO gateway) before the service's own `shutdownSteps` run in order.
 */
export async function serveService(parts: {
  app: Express;
  port: number;
  /** The interface to listen on (`HOST`; loopback unless a container says otherwise). */
  host?: string;
  name: string;
  logger: Logger;
  shutdownSteps: ShutdownStep[];
  attach?: (server: Server) => { close(): Promise<void> };
}): Promise<RunningService> {
  const server = createHttpServer(parts.app);
  const attached = parts.attach?.(server);
  const { port, url } = await listen(server, parts.port, parts.host);
  parts.logger.info({ port, host: parts.host }, `${parts.name} listening`);
  const closeHttp: ShutdownStep = attached
    ? [
        'http server and sockets',
        async () => {
          const httpClosed = closeServer(server).catch(() => undefined);
          await attached.close();
          await httpClosed;
        },
      ]
    : ['http', () => closeServer(server)];
  return runningService(
    { app: parts.app, port, url, shutdownSteps: [closeHttp, ...parts.shutdownSteps] },
    parts.logger,
  );
}

/**
 * The body of every main.ts after reading config: start the service, then stop it gracefully on
 * SIGTERM/SIGINT. A start that fails is logged and exits 1.
 */
export async function runService(
  logger: Logger,
  shutdownTimeoutMs: number,
  start: (lifecycle: Lifecycle) => Promise<RunningService>,
): Promise<void> {
  let service: RunningService | undefined;
  const shutdown = handleShutdown(logger, () => service?.shutdownSteps ?? [], shutdownTimeoutMs);
  try {
    service = await start(shutdown);
  } catch (err) {
    logger.fatal({ err }, 'failed to start');
    process.exit(1);
  }
}
