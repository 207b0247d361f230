import { randomUUID } from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import { ZodError, type z } from 'zod';
import type { Problem, ProblemFieldError } from '@taskflow/contracts/errors';
import { AppError, ErrorCode } from './errors';
import { httpHeadersOf } from './http-status';
import { requestContext } from './context';
import type { Logger } from './logger';
import { mountOpsRoutes, type ReadinessCheck } from './health';
import type { Metrics } from './metrics';

const REQUEST_ID = /^[\w.:@-]{1,128}$/;

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  bodyLimit?: string;
  /** Dependencies /readyz checks; /healthz and /metrics come with them. */
  checks: Record<string, ReadinessCheck>;
  isShuttingDown?: () => boolean;
  /** The service's OpenAPI document and where to serve it (without a token). */
  openApi?: { path: string; document: object };
  /** Served over https (APP_URL): tell browsers to use nothing else for this host (HSTS). */
  hsts?: boolean;
}

/** A year, subdomains included: what the HSTS preload list asks for. */
export const HSTS_HEADER = 'max-age=31536000; includeSubDomains';

/**
 * An Express app with the plumbing every service shares: request id + async context, access log,
 * metrics, JSON body parsing, /healthz /readyz /metrics, the OpenAPI document. Routes go in between
 * this and `finishHttpApp`.
 */
export function createHttpApp({
  logger,
  metrics,
  bodyLimit = '256kb',
  checks,
  isShuttingDown,
  openApi,
  hsts = false,
}: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are not cached by validators: hashing every body for a weak ETag is wasted CPU.
  // Routes that support conditional requests set their own ETag (a task's version).
  app.set('etag', false);
  app.set('trust proxy', 'loopback, uniquelocal');
  // One spelling per route: `/api/auth/LOGIN` and `/api/auth/login/` are 404, not a second door to a
  // handler that a gateway rule (a rate limit) matched only under its exact name.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    if (hsts) res.setHeader('Strict-Transport-Security', HSTS_HEADER);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      metrics.observeHttp(req.method, route, res.statusCode, seconds);
      const level = res.statusCode >= 500 ? 'error' : 'info';
      // Production logs at warn: no line, so nothing of one is built (a context, the path parsed).
      if (!logger.isLevelEnabled(level)) return;
      if (req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics') return;
      requestContext.run({ requestId, userId: req.auth?.userId }, () =>
        logger[level](
          {
            method: req.method,
            url: req.originalUrl.split('?')[0],
            status: res.statusCode,
            ms: Math.round(seconds * 1e4) / 10,
          },
          'request',
        ),
      );
    });
    requestContext.run({ requestId }, next);
  });
  app.use(express.json({ limit: bodyLimit }));
  mountOpsRoutes(app, { checks, metrics, isShuttingDown });
  if (openApi) {
    const body = JSON.stringify(openApi.document);
    app.get(openApi.path, (_req, res) => {
      res.type('application/json').send(body);
    });
  }
  return app;
}

/**
 * The router every service's routes go on: case-sensitive and strict like the app (a Router does not
 * inherit the app's settings), so no second spelling of a path reaches a handler.
 */
export function createRouter(): Router {
  return Router({ caseSensitive: true, strict: true });
}

/**
 * A service's route modules' routers as one router, their routes in the same order. Mounted one by
 * one, a request that the first does not answer enters each router in turn, and Express builds a
 * dispatch for each (closures, a parameters object, the URL trimmed and restored): on the board page
 * that was a quarter of all it allocated.
 */
export function combineRouters(...routers: Router[]): Router {
  const combined = createRouter();
  const layers = (router: Router) => (router as unknown as { stack: unknown[] }).stack;
  for (const router of routers) layers(combined).push(...layers(router));
  return combined;
}

/** Adds the 404 for unknown routes and the one error handler. Call after all routes. */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use(((req, _res, next) => {
    next(new AppError(ErrorCode.routeNotFound, `No route for ${req.method} ${req.path}`));
  }) satisfies RequestHandler);
  app.use(problemHandler(logger));
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function toProblem(err: unknown): {
  problem: Omit<Problem, 'requestId'>;
  headers?: Record<string, string>;
  unexpected: boolean;
} {
  if (err instanceof ZodError) {
    return {
      problem: problemOf(400, ErrorCode.validation, 'The request is invalid', fieldErrors(err)),
      unexpected: false,
    };
  }
  if (err instanceof AppError) {
    const headers = err.headers || httpHeadersOf(err.code) ? { ...httpHeadersOf(err.code), ...err.headers } : undefined;
    return {
      problem: problemOf(err.status, err.code, err.message, err.details),
      headers,
      unexpected: err.status >= 500,
    };
  }
  const bodyParserError = err as { type?: string; status?: number };
  if (bodyParserError?.type === 'entity.parse.failed') {
    return {
      problem: problemOf(400, ErrorCode.malformedJson, 'The request body is not valid JSON', [
        { path: 'body', message: 'is not valid JSON' },
      ]),
      unexpected: false,
    };
  }
  if (bodyParserError?.type === 'entity.too.large') {
    return { problem: problemOf(413, ErrorCode.payloadTooLarge, 'The request body is too large'), unexpected: false };
  }
  if (bodyParserError?.status && bodyParserError.status >= 400 && bodyParserError.status < 500) {
    return {
      problem: problemOf(bodyParserError.status, ErrorCode.validation, 'The request could not be read'),
      unexpected: false,
    };
  }
  if (isTransientConflict(err)) {
    // The database gave up on this transaction to let a concurrent one finish (a deadlock, or a
    // serialisable transaction that could not be ordered). Nothing was written; the same request
    // sent again a moment later succeeds. Still logged: a deadlock points at an ordering to fix.
    return {
      problem: problemOf(
        503,
        ErrorCode.unavailable,
        'The request collided with another change made at the same moment; nothing was saved, try again',
      ),
      headers: { 'Retry-After': '1' },
      unexpected: true,
    };
  }
  if (isUnstorableText(err)) {
    return {
      problem: problemOf(400, ErrorCode.validation, 'The request contains characters that cannot be stored'),
      unexpected: false,
    };
  }
  return { problem: problemOf(500, ErrorCode.internal, 'Something went wrong on our side'), unexpected: true };
}

/**
 * PostgreSQL refuses text it cannot store (a NUL character, an invalid byte sequence). The schemas
 * refuse those in named fields; this is the backstop for input that reaches SQL another way
 * (inside an opaque cursor, say), so it is still the caller's 400 and never our 500.
 * Drivers and ORMs wrap the database error, so the chain of causes is searched.
 */
const isUnstorableText = (err: unknown): boolean => hasDatabaseCode(err, ['22021', '22P05']);

/** A deadlock (40P01) or a serialisation failure (40001): the transaction was rolled back, and may be retried. */
const isTransientConflict = (err: unknown): boolean => hasDatabaseCode(err, ['40P01', '40001']);

/** Whether PostgreSQL's SQLSTATE of the error, or of an error it wraps, is one of `codes`. */
function hasDatabaseCode(err: unknown, codes: string[]): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.includes(code)) return true;
  }
  return false;
}

function problemOf(
  status: number,
  code: ErrorCode,
  detail: string,
  errors?: ProblemFieldError[],
): Omit<Problem, 'requestId'> {
  return {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors?.length ? { errors } : {}),
  };
}

export function fieldErrors(err: ZodError): ProblemFieldError[] {
  return err.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'is not a known field' }));
    }
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return [{ path: path || 'body', message: missing ? 'is required' : issue.message }];
  });
}

function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const { problem, headers, unexpected } = toProblem(err);
    if (unexpected) logger.error({ err, method: req.method, url: req.originalUrl.split('?')[0] }, 'unhandled error');
    const requestId = res.getHeader('X-Request-Id') as string | undefined;
    if (headers) res.set(headers);
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify({ ...problem, requestId }));
  };
}

/** Parses part of a request against a zod schema; a mismatch becomes a 400 naming each field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return schema.parse(value ?? {});
}

/** Reads an `If-Match: <version>` header; returns undefined when absent, 400 when not a number. */
export function ifMatchVersion(req: Request): number | undefined {
  const header = req.get('if-match');
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replaceAll('"', ''));
  if (!Number.isInteger(version) || version < 1) {
    throw new AppError(ErrorCode.validation, 'If-Match must be a task version', {
      details: [{ path: 'If-Match', message: 'must be a positive integer version' }],
    });
  }
  return version;
}
