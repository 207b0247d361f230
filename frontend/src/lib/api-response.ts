import type { z } from 'zod';
import { ProblemDetails, UnexpectedResponseError } from './api-error';

/** The problem+json body of a failed answer, or null when there is none this client understands. */
export async function readProblem(response: Response): Promise<ProblemDetails | null> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const parsed = ProblemDetails.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The JSON body of a successful answer, checked against the schema of what the caller expects. */
export async function readBody<S extends z.ZodType>(response: Response, schema: S, what: string): Promise<z.output<S>> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch (error) {
    throw new UnexpectedResponseError(what, response.status, error);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new UnexpectedResponseError(what, response.status, parsed.error);
  return parsed.data;
}
