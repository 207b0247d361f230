import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '@taskflow/service-kit/testing';
import type { AppRoute } from '@taskflow/service-kit/routes';
import { readApiRoutes } from './routes';
import { api, SCALED, startStack, type ServiceName, type Stack } from './stack';

/**
 * Property: whatever a client sends — any JSON, broken JSON, any id, any query, any If-Match — every
 * endpoint of every service answers below 500, and every error is problem+json. Real processes.
 */

let stack: Stack;
let token = '';
let ids: { project: string; task: string; user: string };
let routes: (AppRoute & { service: ServiceName })[];

beforeAll(async () => {
  stack = await startStack(SCALED);
  await stack.startAll();
  routes = await readApiRoutes(stack);
  const res = await api(`${stack.urls.auth}/api/auth/register`, {
    method: 'POST',
    body: { email: `fuzz-${randomUUID().slice(0, 8)}@example.test`, password: 'correct horse', name: 'Fuzz' },
  });
  token = res.body.accessToken;
  await waitFor(async () => (await api(`${stack.urls.tasks}/api/projects`, { token })).body?.items?.length === 1, {
    timeoutMs: 10_000,
  });
  const project = await api(`${stack.urls.tasks}/api/projects`, { method: 'POST', token, body: { name: 'Fuzzed' } });
  const task = await api(`${stack.urls.tasks}/api/projects/${project.body.id}/tasks`, {
    method: 'POST',
    token,
    body: { title: 'Target' },
  });
  ids = { project: project.body.id, task: task.body.id, user: res.body.user.id };
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

type Kind = 'project' | 'task' | 'user' | 'other';
/** What a `:param` names, from the collection segment before it (`/projects/:x` is a project). */
const kindAfter: Record<string, Kind> = { projects: 'project', tasks: 'task', members: 'user', comments: 'other' };
const paramsOf = (path: string): { name: string; kind: Kind }[] =>
  [...path.matchAll(/([^/]+)\/:(\w+)/g)].map(([, before, name]) => ({
    name: name!,
    kind: kindAfter[before!] ?? 'other',
  }));

const RUNS = 40;

const fieldNames = [
  'body',
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'name',
  'timezone',
  'description',
  'title',
  'status',
  'priority',
  'dueAt',
  'assigneeId',
  'labels',
  'reminders',
  'position',
  'role',
  'beforeId',
  'afterId',
];
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '%00',
    '../../etc/passwd',
    'null',
    'NaN',
    '-1',
    '1e309',
    '9999-99-99T99:99:99Z',
    '💥'.repeat(200),
    'a'.repeat(20_000),
    '__proto__',
    'constructor',
  ),
);
const value = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 12 }),
  fc.jsonValue(),
  fc.uuid(),
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 6 }),
  fc.record({ position: fc.dictionary(fc.constantFrom('beforeId', 'afterId'), fc.oneof(fc.uuid(), hostileString)) }),
  fc
    .jsonValue()
    .map((v) => JSON.stringify(v))
    .map((raw) => ({ raw })),
  fc.constantFrom({ raw: '{"title":' }, { raw: '[[[[' }, { raw: '' }, { raw: 'x'.repeat(300_000) }),
);
// `:param` segments get a real id of the right kind, a random uuid, or junk. Destructive routes
// (DELETE) never get a real id, so the fixtures survive the run.
const segment = (kind: Kind, destructive: boolean) =>
  fc.oneof(
    ...(destructive || kind === 'other' ? [] : [fc.constant(ids[kind])]),
    fc.uuid(),
    hostileString.map((s) => encodeURIComponent(s).slice(0, 500) || 'x'),
  );
const query = fc.dictionary(
  fc.constantFrom(
    'limit',
    'cursor',
    'status',
    'priority',
    'assigneeId',
    'assignee',
    'label',
    'q',
    'dueBefore',
    'dueAfter',
  ),
  hostileString.map((s) => s.slice(0, 300)),
  { maxKeys: 5 },
);

it('takes every route the services register, auth’s included', () => {
  const services = new Set(routes.map((r) => r.service));
  expect([...services].sort()).toEqual(['auth', 'notifications', 'tasks']);
  // Read from each app's router (Express syntax), not from a document describing it.
  expect(routes).toContainEqual({ service: 'tasks', method: 'PATCH', path: '/api/projects/:pid/members/:uid' });
  expect(routes).toContainEqual({ service: 'auth', method: 'POST', path: '/api/auth/password-reset/confirm' });
  expect(routes).toContainEqual({ service: 'auth', method: 'DELETE', path: '/api/auth/sessions/:id' });
  expect(routes.length).toBeGreaterThan(20);
});

it('no input makes any endpoint answer 5xx', async () => {
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  let requests = 0;
  // Replaying one failure: FUZZ_ROUTE picks its route, FUZZ_SEED and FUZZ_PATH its input.
  const only = process.env.FUZZ_ROUTE;
  for (const { service, method, path: template } of routes) {
    if (only && `${method} ${template}` !== only) continue;
    const params = paramsOf(template);
    const destructive = method === 'DELETE';
    const details = await fc.check(
      fc.asyncProperty(
        fc.tuple(...params.map((p) => segment(p.kind, destructive))),
        body,
        query,
        fc.option(hostileString, { nil: undefined }),
        async (segments, payload, search, ifMatch) => {
          requests++;
          let i = 0;
          const path = template.replace(/:\w+/g, () => segments[i++]!);
          const qs = new URLSearchParams(search).toString();
          const raw = 'raw' in payload ? (payload.raw as string) : JSON.stringify(payload);
          const res = await fetch(`${stack.urls[service]}${path}${qs ? `?${qs}` : ''}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
              ...(ifMatch !== undefined ? { 'if-match': ifMatch.replace(/[^\x20-\x7e]/g, '').slice(0, 100) } : {}),
            },
            body: method === 'GET' ? undefined : raw,
          });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const problemJson = /application\/problem\+json/.test(res.headers.get('content-type') ?? '');
          if (res.status >= 500 || (res.status >= 400 && !problemJson)) {
            throw new Error(
              `→ ${res.status} ${text.slice(0, 200)} for ${method} ${path.slice(0, 120)}${qs ? `?${qs.slice(0, 200)}` : ''} ${raw.slice(0, 80)}`,
            );
          }
        },
      ),
      { numRuns: RUNS, seed, path: process.env.FUZZ_PATH, endOnFailure: true },
    );
    // A property that threw (a dropped connection, say) is a failure too, not a skip.
    if (details.failed) {
      const reason =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      failures.push(
        `${method} ${template}: ${reason.slice(0, 400)}\n  replay: FUZZ_ROUTE='${method} ${template}' FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''}`,
      );
    }
  }
  expect(failures, `fast-check seed ${seed}`).toEqual([]);
  if (!only) expect(requests).toBe(routes.length * RUNS);
  // The inputs reached past validation too, not only into 400s.
  expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 404]));
}, 240_000);
