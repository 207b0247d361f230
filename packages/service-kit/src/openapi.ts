import { z } from 'zod';

/**
 * Building blocks of the services' OpenAPI 3.1 documents. OpenAPI 3.1 schemas are JSON
 * Schema 2020-12, which zod emits natively, so the documents are generated from the same zod
 * schemas that validate requests; only the shell (paths, responses, security) is written by hand.
 */

export type OpenApiObject = Record<string, unknown>;

/** A zod schema as JSON Schema, for the request (`input`) or response (`output`) side. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): OpenApiObject {
  // `$schema` belongs to stand-alone JSON Schema documents, not to schemas inside OpenAPI.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: object) => ({ 'application/json': { schema } });

/** The list shape every collection answers with: `{ items, nextCursor }`. */
export const list = (item: string) => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
  required: ['items'],
});

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

/** The problems every bearer-protected endpoint can answer with. */
export const commonProblems = {
  400: 'Bad input; `errors` names every offending field',
  401: 'Missing, invalid or expired access token',
  404: 'Unknown id, or a resource the caller may not see',
} as const;

export const ok = (status: number, description: string, schema?: object, headers?: OpenApiObject) => ({
  [status]: {
    description,
    ...(headers ? { headers } : {}),
    ...(schema ? { content: json(schema) } : {}),
  },
});
export const body = (name: string) => ({ required: true, content: json(ref(name)) });
export const pathId = (name: string, schema: object = { type: 'string', format: 'uuid' }) => ({
  name,
  in: 'path',
  required: true,
  schema,
});

/**
 * One optional query parameter per key of a zod object. Keys in `commaSeparated` take several
 * values as `a,b` (OpenAPI `style: form, explode: false`).
 */
export const queryParams = (schema: z.ZodObject, opts: { commaSeparated?: readonly string[] } = {}) =>
  Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    ...(opts.commaSeparated?.includes(name) ? { style: 'form', explode: false } : {}),
    schema: jsonSchema(field as z.ZodType, 'input'),
  }));

export interface OperationOptions {
  /** Problem responses by status → description; defaults to `commonProblems`. */
  problems?: Readonly<Record<number, string>>;
  /** No access token needed (register, login, JWKS…): documented as `security: []`. */
  public?: boolean;
  description?: string;
  parameters?: object[];
  requestBody?: object;
}

export function op(operationId: string, summary: string, responses: object, options: OperationOptions = {}) {
  const { problems = commonProblems, public: isPublic = false, ...extra } = options;
  const problemResponses = Object.fromEntries(
    Object.entries(problems).map(([status, text]) => [status, problem(text)]),
  );
  return {
    operationId,
    summary,
    security: isPublic ? [] : [{ bearer: [] }],
    responses: { ...responses, ...problemResponses },
    ...extra,
  };
}

/** Every path is absolute (`/api/...`) and the document is served by the gateway it describes. */
export const gatewayServers = [{ url: '/', description: 'The TaskFlow gateway that serves this document' }];

const Problem = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    requestId: { type: 'string' },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};

export interface OpenApiDocumentInput {
  title: string;
  version: string;
  description?: string;
  servers?: object[];
  paths: Record<string, object>;
  schemas: Record<string, object>;
}

/** The document shell: the bearer scheme and the Problem schema (RFC 9457) every service shares. */
export function createOpenApiDocument(input: OpenApiDocumentInput): OpenApiObject {
  const { title, version, description, servers = gatewayServers, paths, schemas } = input;
  return {
    openapi: '3.1.0',
    info: { title, version, ...(description ? { description } : {}) },
    servers,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...schemas, Problem },
    },
    paths,
  };
}
