import { z } from 'zod';
import { AppError, ErrorCode } from '@taskflow/service-kit/errors';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | undefined): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError(ErrorCode.validation, 'The request is invalid', {
      details: [{ path: 'cursor', message: 'is not a cursor this list gave out' }],
    });
  }
}
