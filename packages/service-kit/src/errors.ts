import { ErrorCode, type ProblemFieldError } from '@taskflow/contracts/errors';
import { httpStatusOf } from './http-status';

export { ErrorCode };

/**
 * The one error type domain code throws. It names a code from contracts; the HTTP layer turns it
 * into problem+json, choosing status and headers from the code (`http-status.ts`). Domain code
 * passes neither; `status` and `headers` options are for HTTP middleware that must answer
 * differently from the code's usual status.
 */
export class AppError extends Error {
  /** The status the HTTP layer answers with: an explicit one from HTTP code, else the code's. */
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
    this.status = opts.status ?? httpStatusOf(code);
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.notFound, `${what} not found`);

export const invalidField = (path: string, message: string) =>
  new AppError(ErrorCode.validation, 'The request is invalid', { details: [{ path, message }] });
