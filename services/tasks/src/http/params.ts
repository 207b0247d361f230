import type { Request } from 'express';
import { uuid } from '@taskflow/contracts/api';
import { notFound } from '@taskflow/service-kit/errors';

/** A path id; anything that is not a UUID cannot name a resource, so it is a 404 (and never reaches SQL). */
export function idParam(req: Request, name: string, what: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !uuid.safeParse(value).success) throw notFound(what);
  return value;
}
