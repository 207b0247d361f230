import { ErrorCode } from '@taskflow/contracts/errors';

/**
 * The HTTP answer to each error code. Domain code names a code and nothing else; the error
 * middleware looks up the status and any headers here. A complete record, so a new code in
 * contracts does not compile until its status is chosen.
 */
const statusByCode: Record<ErrorCode, number> = {
  [ErrorCode.validation]: 400,
  [ErrorCode.malformedJson]: 400,
  [ErrorCode.notAMember]: 400,
  [ErrorCode.unauthenticated]: 401,
  [ErrorCode.invalidCredentials]: 401,
  [ErrorCode.forbidden]: 403,
  [ErrorCode.notFound]: 404,
  [ErrorCode.routeNotFound]: 404,
  [ErrorCode.userNotFound]: 404,
  [ErrorCode.emailTaken]: 409,
  [ErrorCode.alreadyMember]: 409,
  [ErrorCode.ownerImmutable]: 409,
  [ErrorCode.personalProjectProtected]: 409,
  [ErrorCode.versionConflict]: 412,
  [ErrorCode.payloadTooLarge]: 413,
  [ErrorCode.badRequest]: 400,
  [ErrorCode.rateLimited]: 429,
  [ErrorCode.internal]: 500,
  [ErrorCode.unavailable]: 503,
  [ErrorCode.overloaded]: 503,
};

const headersByCode: Partial<Record<ErrorCode, Record<string, string>>> = {
  // The work that was refused takes well under a second; asking sooner only adds to the pile.
  [ErrorCode.overloaded]: { 'Retry-After': '1' },
  // A limiter that knows when its window ends sets its own, more precise Retry-After.
  [ErrorCode.rateLimited]: { 'Retry-After': '1' },
};

export const httpStatusOf = (code: ErrorCode): number => statusByCode[code] ?? 500;

export const httpHeadersOf = (code: ErrorCode): Record<string, string> | undefined => headersByCode[code];
