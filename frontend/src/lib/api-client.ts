import { z } from 'zod';
import { ApiError } from './api-error';
import { readBody, readProblem } from './api-response';
import { endSession, getAccessToken, refreshSession } from './auth-session';

type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Send the bearer token and retry once after a silent refresh on 401. */
  auth?: boolean;
  signal?: AbortSignal;
};

/**
 * The unpaginated lists (a user's projects, a project's members) are `{ items }` without a cursor;
 * the contracts' `listOf` is the paginated shape.
 */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = getAccessToken();
  if (options.auth !== false && token) headers.Authorization = `Bearer ${token}`;
  return fetch(buildUrl(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
}

/**
 * Call the TaskFlow API. With a `schema` it resolves to the body parsed by it (a body that does not
 * match rejects with UnexpectedResponseError); without one the answer has no body worth reading
 * (204) and it resolves to undefined. A failed call rejects with ApiError.
 */
export function apiRequest<S extends z.ZodType>(
  path: string,
  options: RequestOptions & { schema: S },
): Promise<z.output<S>>;
export function apiRequest(path: string, options?: RequestOptions & { schema?: undefined }): Promise<void>;
export async function apiRequest(
  path: string,
  options: RequestOptions & { schema?: z.ZodType } = {},
): Promise<unknown> {
  let response = await send(path, options);
  if (response.status === 401 && options.auth !== false) {
    const session = await refreshSession();
    if (!session) {
      endSession();
      throw new ApiError(401, await readProblem(response));
    }
    response = await send(path, options);
    if (response.status === 401) endSession();
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (!options.schema) return undefined;
  return readBody(response, options.schema, `${options.method ?? 'GET'} ${path}`);
}
