import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '@taskflow/service-kit/testing';
import { readApiRoutes, type ServiceRoute } from './routes';
import { api, registerUser, SCALED, startStack, type Stack } from './stack';

/**
 * Every endpoint of every service — taken from the routers, so a new one fails here until its row
 * is written — called by each kind of caller, against a project the owner made, with an admin and a
 * member in it, a task and a comment of the member's. Each answer must be the one written below.
 */
const ROLES = ['anonymous', 'stranger', 'member', 'admin', 'owner'] as const;
type Role = (typeof ROLES)[number];
type Row = Record<Role, number>;

const all = (status: number): Row => ({
  anonymous: status,
  stranger: status,
  member: status,
  admin: status,
  owner: status,
});
const signedIn = (status: number): Row => ({ ...all(status), anonymous: 401 });
/** Inside the project: strangers get 404 (ids do not leak), the roles what they may do. */
const project = (member: number, admin: number, owner: number): Row => ({
  anonymous: 401,
  stranger: 404,
  member,
  admin,
  owner,
});

const MATRIX: Record<string, Row> = {
  // Each service's API description
  'GET /api/auth/openapi.json': all(200),
  'GET /api/tasks/openapi.json': all(200),
  'GET /api/notifications/openapi.json': all(200),
  // auth
  'POST /api/auth/register': all(201),
  'POST /api/auth/login': all(401),
  'POST /api/auth/refresh': all(401),
  'POST /api/auth/logout': all(204),
  'GET /api/auth/me': signedIn(200),
  'PATCH /api/auth/me': signedIn(200),
  'POST /api/auth/password': signedIn(204),
  'POST /api/auth/password-reset': all(202),
  'POST /api/auth/password-reset/confirm': all(400),
  'GET /api/auth/sessions': signedIn(200),
  'DELETE /api/auth/sessions': signedIn(204),
  'DELETE /api/auth/sessions/:id': signedIn(404),
  'GET /api/auth/.well-known/jwks.json': all(200),
  // notifications: everyone's own
  'GET /api/notifications': signedIn(200),
  'GET /api/notifications/unread-count': signedIn(200),
  'POST /api/notifications/read-all': signedIn(204),
  'POST /api/notifications/:id/read': signedIn(404),
  'GET /api/notifications/preferences': signedIn(200),
  'PUT /api/notifications/preferences': signedIn(200),
  // tasks: the caller's own lists and feed
  'GET /api/projects': signedIn(200),
  'POST /api/projects': signedIn(201),
  'GET /api/tasks': signedIn(200),
  'GET /api/calendar/feed': signedIn(200),
  'POST /api/calendar/feed': signedIn(200),
  'GET /api/calendar/:token.ics': all(404),
  // tasks: inside the project
  'GET /api/projects/:pid': project(200, 200, 200),
  'PATCH /api/projects/:pid': project(403, 200, 200),
  'DELETE /api/projects/:pid': project(403, 403, 204),
  'GET /api/projects/:pid/members': project(200, 200, 200),
  'POST /api/projects/:pid/members': project(403, 201, 201),
  'PATCH /api/projects/:pid/members/:uid': project(403, 200, 200),
  // A member may remove themself (leave); the target here is the member.
  'DELETE /api/projects/:pid/members/:uid': project(204, 204, 204),
  'GET /api/projects/:pid/tasks': project(200, 200, 200),
  'POST /api/projects/:pid/tasks': project(201, 201, 201),
  'GET /api/tasks/:tid': project(200, 200, 200),
  'PATCH /api/tasks/:tid': project(200, 200, 200),
  'DELETE /api/tasks/:tid': project(204, 204, 204),
  'GET /api/tasks/:tid/activity': project(200, 200, 200),
  'GET /api/tasks/:tid/comments': project(200, 200, 200),
  'POST /api/tasks/:tid/comments': project(201, 201, 201),
  // The comment is the member's own: its author, and the project's admins and owner, may delete it.
  'DELETE /api/comments/:cid': project(204, 204, 204),
};

let stack: Stack;
let routes: ServiceRoute[];
type Person = Awaited<ReturnType<typeof registerUser>>;
let people: Record<Exclude<Role, 'anonymous'>, Person>;

beforeAll(async () => {
  stack = await startStack(SCALED);
  await stack.startAll();
  routes = await readApiRoutes(stack);
  const [stranger, member, admin, owner] = await Promise.all(
    ['Stranger', 'Member', 'Admin', 'Owner'].map((name) => registerUser(stack, name)),
  );
  people = { stranger: stranger!, member: member!, admin: admin!, owner: owner! };
  for (const person of Object.values(people)) {
    await waitFor(async () => (await api(`${stack.urls.tasks}/api/projects`, { token: person.token })).status === 200, {
      timeoutMs: 10_000,
      what: 'tasks to know everyone',
    });
  }
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** A project of the owner's with the admin and the member in it, the member's task and comment. */
async function world() {
  const { owner, admin, member } = people;
  const created = await api(`${stack.urls.tasks}/api/projects`, {
    method: 'POST',
    token: owner.token,
    body: { name: `Matrix ${randomUUID().slice(0, 6)}` },
  });
  const pid = created.body.id as string;
  for (const [person, role] of [
    [admin, 'admin'],
    [member, 'member'],
  ] as const) {
    const added = await api(`${stack.urls.tasks}/api/projects/${pid}/members`, {
      method: 'POST',
      token: owner.token,
      body: { email: person.email, role },
    });
    expect(added.status).toBe(201);
  }
  const task = await api(`${stack.urls.tasks}/api/projects/${pid}/tasks`, {
    method: 'POST',
    token: member.token,
    body: { title: 'Matrix task' },
  });
  const comment = await api(`${stack.urls.tasks}/api/tasks/${task.body.id}/comments`, {
    method: 'POST',
    token: member.token,
    body: { body: 'Matrix comment' },
  });
  return { pid, tid: task.body.id as string, cid: comment.body.id as string, uid: member.id };
}

const bodyOf = (route: string, role: Role): unknown => {
  switch (route) {
    case 'POST /api/auth/register':
      return { email: `matrix-${randomUUID().slice(0, 8)}@example.test`, password: 'correct horse battery', name: 'M' };
    case 'POST /api/auth/login':
      return { email: `nobody-${randomUUID().slice(0, 8)}@example.test`, password: 'wrong guess' };
    case 'PATCH /api/auth/me':
      return { timezone: 'Europe/Berlin' };
    case 'POST /api/auth/password':
      return { currentPassword: 'correct horse', newPassword: `a new phrase for ${role}` };
    case 'POST /api/auth/password-reset':
      return { email: `nobody-${randomUUID().slice(0, 8)}@example.test` };
    case 'POST /api/auth/password-reset/confirm':
      return { token: 'not-a-real-token', newPassword: 'a new phrase entirely' };
    case 'PUT /api/notifications/preferences': {
      const kinds = { assigned: true, statusChanges: true, comments: true, reminders: true, overdueDigest: true };
      return { email: kinds, inApp: kinds };
    }
    case 'POST /api/projects':
      return { name: 'Another' };
    case 'PATCH /api/projects/:pid':
      return { name: 'Renamed' };
    case 'POST /api/projects/:pid/members':
      return { email: people.stranger.email, role: 'member' };
    case 'PATCH /api/projects/:pid/members/:uid':
      return { role: 'admin' };
    case 'POST /api/projects/:pid/tasks':
      return { title: 'Another task' };
    case 'PATCH /api/tasks/:tid':
      return { status: 'in_progress' };
    case 'POST /api/tasks/:tid/comments':
      return { body: 'Another comment' };
    default:
      return undefined;
  }
};

it('has a row for every route the services register, and none for a route that is gone', () => {
  const registered = routes.map((r) => `${r.method} ${r.path}`).sort();
  expect(Object.keys(MATRIX).sort()).toEqual(registered);
});

it('answers every caller of every endpoint as the matrix says', async () => {
  const shared = await world();
  const mismatches: string[] = [];
  for (const { service, method, path } of routes) {
    const key = `${method} ${path}`;
    const expected = MATRIX[key];
    if (!expected) continue;
    for (const role of ROLES) {
      // Anything that changes or removes what the next caller needs gets a world of its own.
      const ids = method === 'GET' ? shared : await world();
      const url = path
        .replace(':pid', ids.pid)
        .replace(':tid', ids.tid)
        .replace(':cid', ids.cid)
        .replace(':uid', ids.uid)
        .replace(':id', randomUUID())
        .replace(':token', 'a-made-up-feed-token');
      const token = role === 'anonymous' ? undefined : people[role].token;
      const res = await api(`${stack.urls[service]}${url}`, { method, token, body: bodyOf(key, role) });
      if (res.status !== expected[role])
        mismatches.push(`${key} as ${role}: ${res.status}, expected ${expected[role]}`);
    }
  }
  expect(mismatches).toEqual([]);
}, 240_000);
