import { z } from 'zod';

/**
 * RFC 9457 problem details as the services and the gateway send them. `code` stays a plain string:
 * a code this build does not know yet must still reach the user with its detail.
 */
export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** A failed API call, carrying the problem+json body when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;

  constructor(status: number, problem: ProblemDetails | null) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

/**
 * A successful answer whose body is not what the contracts describe (or not JSON at all). Using it
 * anyway would fail later somewhere far from the cause, so the request fails here instead.
 */
export class UnexpectedResponseError extends Error {
  readonly status: number;

  constructor(what: string, status: number, cause: unknown) {
    const reason = cause instanceof z.ZodError ? z.prettifyError(cause) : String(cause);
    super(`Unexpected answer to ${what} (${status}): ${reason}`, { cause });
    this.name = 'UnexpectedResponseError';
    this.status = status;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/**
 * Field errors keyed by the last segment of their path ("body.email" → "email"), the first message
 * per field: from a server's problem+json, or from a zod check run in the browser.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  let errors: Array<{ path: ReadonlyArray<PropertyKey> | string; message: string }> = [];
  if (error instanceof ApiError) errors = error.problem?.errors ?? [];
  else if (error instanceof z.ZodError) errors = error.issues;
  const result: Record<string, string> = {};
  for (const { path, message } of errors) {
    const segments = typeof path === 'string' ? path.split(/[./]/) : path.map(String);
    const key = segments.filter(Boolean).at(-1);
    if (key && !(key in result)) result[key] = message;
  }
  return result;
}

/** A sentence fit to show a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'Too many attempts. Please wait a moment and try again.';
    if (error.status >= 500 && !error.problem) return 'The server is unavailable. Please try again shortly.';
    return error.message;
  }
  if (error instanceof UnexpectedResponseError)
    return 'The server sent an unexpected answer. Please try again shortly.';
  if (error instanceof TypeError) return 'Network error. Check your connection and try again.';
  return 'Something went wrong. Please try again.';
}
