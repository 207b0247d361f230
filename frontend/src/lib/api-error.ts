import type { Problem, ProblemFieldError } from '@taskflow/contracts/errors';

/** A failed API call, carrying the problem+json body when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }

  /** Field errors keyed by the last segment of their path ("body.email" → "email"). */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.problem?.errors ?? []) {
      const key = fieldKey(error);
      if (key && !(key in result)) result[key] = error.message;
    }
    return result;
  }
}

function fieldKey(error: ProblemFieldError): string {
  const segments = String(error.path).split(/[./]/).filter(Boolean);
  return segments[segments.length - 1] ?? '';
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A sentence fit to show a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'Too many attempts. Please wait a moment and try again.';
    if (error.status >= 500 && !error.problem) return 'The server is unavailable. Please try again shortly.';
    return error.message;
  }
  if (error instanceof TypeError) return 'Network error. Check your connection and try again.';
  return 'Something went wrong. Please try again.';
}
