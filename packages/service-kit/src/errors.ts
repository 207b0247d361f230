import { ErrorCode, type ProblemFieldError } from '@taskflow/contracts/errors';

export { ErrorCode };

const defaultStatus: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.validation]: 400,
  [ErrorCode.malformedJson]: 400,
  [ErrorCode.unauthenticated]: 401,
  [ErrorCode.invalidCredentials]: 401,
  [ErrorCode.forbidden]: 403,
  [ErrorCode.notFound]: 404,
  [ErrorCode.routeNotFound]: 404,
  [ErrorCode.userNotFound]: 404,
  [ErrorCode.emailTaken]: 409,
  [ErrorCode.alreadyMember]: 409,
  [ErrorCode.ownerImmutable]: 409,
  [ErrorCode.notAMember]: 400,
  [ErrorCode.versionConflict]: 412,
  [ErrorCode.payloadTooLarge]: 413,
  [ErrorCode.rateLimited]: 429,
  [ErrorCode.internal]: 500,
  [ErrorCode.unavailable]: 503,
};

/**
 * The one error type domain code throws. It names a code from contracts; the HTTP layer turns it
 * into problem+json. Domain code never builds HTTP responses.
 */
export class AppError extends Error {
  readonly status: number;
  readonly details?: ProblemFieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    opts: { status?: number; details?: ProblemFieldError[]; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.status = opts.status ?? defaultStatus[code] ?? 500;
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.notFound, `${what} not found`);

export const invalidField = (path: string, message: string) =>
  new AppError(ErrorCode.validation, 'The request is invalid', { details: [{ path, message }] });
