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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A page from rows read with one more than `limit` (so it is known whether another page follows):
 * the first `limit` as items, and the cursor of the last one's sort key when more follow.
 */
export function pageOf<R, T>(rows: R[], limit: number, toItem: (row: R) => T, keyOf: (last: R) => unknown): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** Where a list ordered by a time and then an id (comments, activity) goes on. */
export interface TimeKey {
  at: Date;
  id: string;
}
const timeCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

/**
 * A page of a list ordered by (time, id), either way: decodes the cursor into the key `read` goes
 * on from, reads one row more than asked, and encodes the key of the page's last row.
 */
export async function timeOrderedPage<R extends { id: string }, T>(
  query: { limit: number; cursor?: string },
  read: (from: TimeKey | undefined, limit: number) => Promise<R[]>,
  toItem: (row: R) => T,
  timeOf: (row: R) => Date,
): Promise<Page<T>> {
  const cursor = decodeCursor(timeCursor, query.cursor);
  const rows = await read(cursor ? { at: new Date(cursor.t), id: cursor.i } : undefined, query.limit + 1);
  return pageOf(rows, query.limit, toItem, (last) => ({ t: timeOf(last).toISOString(), i: last.id }));
}
