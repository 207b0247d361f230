/**
 * Machine-readable error codes carried in the `code` field of every problem+json answer.
 * They live here so the SPA can react to them without parsing prose.
 */
export const ErrorCode = {
  validation: 'validation_failed',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  forbidden: 'forbidden',
  notFound: 'not_found',
  routeNotFound: 'route_not_found',
  emailTaken: 'email_taken',
  alreadyMember: 'already_member',
  userNotFound: 'user_not_found',
  notAMember: 'assignee_not_member',
  versionConflict: 'version_conflict',
  ownerImmutable: 'owner_immutable',
  personalProjectProtected: 'personal_project_protected',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  /** From the gateway: a request it cannot read (a malformed address, headers or address too long). */
  badRequest: 'bad_request',
  malformedJson: 'malformed_json',
  internal: 'internal_error',
  unavailable: 'service_unavailable',
  /** Too much work at once (e.g. password hashes); the client may retry in a moment. */
  overloaded: 'overloaded',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ProblemFieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details as TaskFlow sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: ProblemFieldError[];
  requestId?: string;
}
