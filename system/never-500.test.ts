import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '@taskflow/service-kit/testing';
import { api, startStack, type Stack } from './stack';

/**
 * Property: whatever a client sends — any JSON, broken JSON, any id, any query, any If-Match — every
 * endpoint of every service answers below 500, and every error is problem+json. Real processes.
 */

let stack: Stack;
let token = '';
let ids: { project: string; task: string; user: string };

beforeAll(async () => {
  stack = await startStack();
  await Promise.all([stack.start('auth'), stack.start('tasks'), stack.start('notifications')]);
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

type Service = 'auth' | 'tasks' | 'notifications';
// `:id` segments get a real id of the right kind, a random uuid, or junk. Destructive routes
// never get the real id, so the fixtures survive the run.
const routes: [Service, string, string, { destructive?: boolean }?][] = [
  ['auth', 'POST', '/api/auth/register'],
  ['auth', 'POST', '/api/auth/login'],
  ['auth', 'POST', '/api/auth/refresh'],
  ['auth', 'PATCH', '/api/auth/me'],
  ['tasks', 'GET', '/api/projects'],
  ['tasks', 'POST', '/api/projects'],
  ['tasks', 'GET', '/api/projects/:project'],
  ['tasks', 'PATCH', '/api/projects/:project'],
  ['tasks', 'DELETE', '/api/projects/:project', { destructive: true }],
  ['tasks', 'GET', '/api/projects/:project/members'],
  ['tasks', 'POST', '/api/projects/:project/members'],
  ['tasks', 'PATCH', '/api/projects/:project/members/:user'],
  ['tasks', 'DELETE', '/api/projects/:project/members/:user', { destructive: true }],
  ['tasks', 'GET', '/api/projects/:project/tasks'],
  ['tasks', 'POST', '/api/projects/:project/tasks'],
  ['tasks', 'GET', '/api/tasks'],
  ['tasks', 'GET', '/api/tasks/:task'],
  ['tasks', 'PATCH', '/api/tasks/:task'],
  ['tasks', 'DELETE', '/api/tasks/:task', { destructive: true }],
  ['notifications', 'GET', '/api/notifications'],
  ['notifications', 'GET', '/api/notifications/unread-count'],
  ['notifications', 'POST', '/api/notifications/:task/read'],
  ['notifications', 'POST', '/api/notifications/read-all'],
];

const fieldNames = [
  'email',
  'password',
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
const segment = (kind: 'project' | 'task' | 'user', destructive: boolean) =>
  fc.oneof(
    ...(destructive ? [] : [fc.constant(kind === 'user' ? ids.user : ids[kind])]),
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

it('no input makes any endpoint answer 5xx', async () => {
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let requests = 0;
  for (const [service, method, template, opts] of routes) {
    await fc
      .assert(
        fc.asyncProperty(
          fc.record({
            project: segment('project', !!opts?.destructive),
            task: segment('task', !!opts?.destructive),
            user: segment('user', !!opts?.destructive),
          }),
          body,
          query,
          fc.option(hostileString, { nil: undefined }),
          async (segments, payload, params, ifMatch) => {
            requests++;
            const path = template.replace(/:(project|task|user)/g, (_, k: 'project' | 'task' | 'user') => segments[k]);
            const search = new URLSearchParams(params).toString();
            const raw = 'raw' in payload ? (payload.raw as string) : JSON.stringify(payload);
            const res = await fetch(`${stack.urls[service]}${path}${search ? `?${search}` : ''}`, {
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
            if (
              res.status >= 500 ||
              (res.status >= 400 && !/application\/problem\+json/.test(res.headers.get('content-type') ?? ''))
            ) {
              failures.push(
                `${method} ${path.slice(0, 120)} ${raw.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`,
              );
              return false;
            }
            return true;
          },
        ),
        { numRuns: 40, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
      )
      .catch((err: Error) => {
        // A property that threw (a dropped connection, say) is a failure too, not a skip.
        if (!failures.length) failures.push(`${method} ${template}: ${err.message.slice(0, 300)}`);
      });
  }
  expect(failures).toEqual([]);
  expect(requests).toBe(routes.length * 40);
  // The inputs reached past validation too, not only into 400s.
  expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 404]));
}, 180_000);
