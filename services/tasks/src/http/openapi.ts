import { z } from 'zod';
import {
  AddMemberBody,
  CreateProjectBody,
  CreateTaskBody,
  Member,
  MyTaskFilters,
  Project,
  Task,
  TaskFilters,
  UpdateProjectBody,
  UpdateTaskBody,
} from '@taskflow/contracts/api';
import { ChangeRoleBody } from './members.routes';

/**
 * The OpenAPI 3.1 document of this service, generated from the same zod schemas that validate
 * requests (OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits natively).
 */

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const list = (item: string) => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
  required: ['items'],
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const errors = {
  400: problem('Bad input; `errors` names every offending field'),
  401: problem('Missing, invalid or expired access token'),
  404: problem('Unknown id, or a resource the caller may not see'),
};
const ok = (status: number, description: string, schema?: object) => ({
  [status]: schema ? { description, content: json(schema) } : { description },
});
const body = (name: string) => ({ required: true, content: json(ref(name)) });
const pathId = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
const queryParams = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    ...(name === 'status' || name === 'priority' ? { style: 'form', explode: false } : {}),
    schema: jsonSchema(field as z.ZodType, 'input'),
  }));

const op = (summary: string, responses: object, extra: object = {}) => ({
  summary,
  security: [{ bearer: [] }],
  responses: { ...responses, ...errors },
  ...extra,
});

export function buildOpenApiDocument(): object {
  const pid = pathId('pid');
  const tid = pathId('tid');
  return {
    openapi: '3.1.0',
    info: { title: 'TaskFlow tasks service', version: '1.0.0', description: 'Projects, members and tasks.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Project: jsonSchema(Project, 'output'),
        Member: jsonSchema(Member, 'output'),
        Task: jsonSchema(Task, 'output'),
        CreateProjectBody: jsonSchema(CreateProjectBody, 'input'),
        UpdateProjectBody: jsonSchema(UpdateProjectBody, 'input'),
        AddMemberBody: jsonSchema(AddMemberBody, 'input'),
        ChangeRoleBody: jsonSchema(ChangeRoleBody, 'input'),
        CreateTaskBody: jsonSchema(CreateTaskBody, 'input'),
        UpdateTaskBody: jsonSchema(UpdateTaskBody, 'input'),
        Problem: {
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
        },
      },
    },
    paths: {
      '/api/projects': {
        get: op('The caller’s projects, personal first', ok(200, 'Projects', list('Project'))),
        post: op('Create a project (the caller is owner)', ok(201, 'Created', ref('Project')), {
          requestBody: body('CreateProjectBody'),
        }),
      },
      '/api/projects/{pid}': {
        parameters: [pid],
        get: op('A project', ok(200, 'Project', ref('Project'))),
        patch: op('Rename or describe (owner/admin)', ok(200, 'Project', ref('Project')), {
          requestBody: body('UpdateProjectBody'),
        }),
        delete: op('Delete (owner; not the personal project → 409)', ok(204, 'Deleted')),
      },
      '/api/projects/{pid}/members': {
        parameters: [pid],
        get: op('Members', ok(200, 'Members', list('Member'))),
        post: op('Add a member by email (owner/admin)', ok(201, 'Added', ref('Member')), {
          requestBody: body('AddMemberBody'),
        }),
      },
      '/api/projects/{pid}/members/{uid}': {
        parameters: [pid, pathId('uid')],
        patch: op('Change a role (owner/admin)', ok(200, 'Member', ref('Member')), {
          requestBody: body('ChangeRoleBody'),
        }),
        delete: op('Remove a member (owner/admin, or oneself)', ok(204, 'Removed')),
      },
      '/api/projects/{pid}/tasks': {
        parameters: [pid],
        get: op('A board page in column order', ok(200, 'Tasks', list('Task')), {
          parameters: queryParams(TaskFilters),
        }),
        post: op('Create a task at the end of its column', ok(201, 'Created', ref('Task')), {
          requestBody: body('CreateTaskBody'),
        }),
      },
      '/api/tasks': {
        get: op(
          'Tasks across the caller’s projects (`assignee=me`: theirs), soonest due first',
          ok(200, 'Tasks', list('Task')),
          {
            parameters: queryParams(MyTaskFilters),
          },
        ),
      },
      '/api/tasks/{tid}': {
        parameters: [tid],
        get: op('A task', ok(200, 'Task', ref('Task'))),
        patch: op('Change or move a task; `If-Match: <version>` → 412 when stale', ok(200, 'Task', ref('Task')), {
          requestBody: body('UpdateTaskBody'),
          parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
        }),
        delete: op('Delete a task', ok(204, 'Deleted')),
      },
    },
  };
}
