import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';

interface Problem {
  status: number;
  code: string;
  errors?: { path: string; message: string }[];
  requestId?: string;
}

let h: Harness;
let user: TestUser;
beforeAll(async () => {
  h = await startHarness();
  user = await registerUser(h);
});
afterAll(async () => {
  await h?.close();
});

const paths = (p: Problem) => (p.errors ?? []).map((e) => e.path).sort();

describe('bad input is a 400 problem naming each field, never a 500', () => {
  it('rejects malformed JSON', async () => {
    const res = await h.request<Problem>('POST', `/api/projects/${user.personalProjectId}/tasks`, {
      token: user.token,
      rawBody: '{"title": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('malformed_json');
  });

  it('names unknown fields, bad enums, too-long titles and bad dates together', async () => {
    const res = await h.request<Problem>('POST', `/api/projects/${user.personalProjectId}/tasks`, {
      token: user.token,
      body: {
        title: 'x'.repeat(201),
        status: 'later',
        priority: 'meh',
        dueAt: 'tomorrow',
        colour: 'red',
        reminders: [-1],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(paths(res.body)).toEqual(['colour', 'dueAt', 'priority', 'reminders.0', 'status', 'title']);
  });

  it('refuses text PostgreSQL cannot store (a NUL character) as a 400 naming the field, in bodies and queries', async () => {
    const body = await h.request<Problem>('POST', `/api/projects/${user.personalProjectId}/tasks`, {
      token: user.token,
      body: { title: 'a\u0000b', description: '\u0000', labels: ['x\u0000'] },
    });
    expect(body.status).toBe(400);
    expect(paths(body.body)).toEqual(['description', 'labels.0', 'title']);
    const query = await h.request<Problem>('GET', '/api/tasks?q=%00&label=%00', { token: user.token });
    expect(query.status).toBe(400);
    expect(paths(query.body)).toEqual(['label', 'q']);
    // Inside an opaque cursor no schema names the field; still the caller's 400, not a 500.
    const cursor = Buffer.from(JSON.stringify({ s: 'todo', p: '\u0000', i: user.personalProjectId })).toString(
      'base64url',
    );
    const paged = await h.request<Problem>('GET', `/api/projects/${user.personalProjectId}/tasks?cursor=${cursor}`, {
      token: user.token,
    });
    expect(paged.status).toBe(400);
  });

  it('requires a title and validates PATCH bodies, project bodies and member bodies', async () => {
    const missing = await h.request<Problem>('POST', `/api/projects/${user.personalProjectId}/tasks`, {
      token: user.token,
      body: {},
    });
    expect(paths(missing.body)).toEqual(['title']);
    const task = await createTask(h, user, user.personalProjectId);
    const patch = await h.request<Problem>('PATCH', `/api/tasks/${task.id}`, {
      token: user.token,
      body: { assigneeId: 'not-a-uuid', labels: ['x'.repeat(31)], position: { afterId: 'nope' }, version: 3 },
    });
    expect(patch.status).toBe(400);
    expect(paths(patch.body)).toEqual(['assigneeId', 'labels.0', 'position.afterId', 'version']);
    const project = await h.request<Problem>('POST', '/api/projects', {
      token: user.token,
      body: { name: '', owner: 'me' },
    });
    expect(paths(project.body)).toEqual(['name', 'owner']);
    const member = await h.request<Problem>('POST', `/api/projects/${user.personalProjectId}/members`, {
      token: user.token,
      body: { email: 'nope', role: 'owner' },
    });
    expect(paths(member.body)).toEqual(['email', 'role']);
    const ifMatch = await h.request<Problem>('PATCH', `/api/tasks/${task.id}`, {
      token: user.token,
      body: { title: 'y' },
      headers: { 'If-Match': 'abc' },
    });
    expect(paths(ifMatch.body)).toEqual(['If-Match']);
  });

  it('validates list queries, cursors included', async () => {
    const res = await h.request<Problem>(
      'GET',
      `/api/projects/${user.personalProjectId}/tasks?status=todo,nope&limit=0&assigneeId=bob&dueBefore=soon`,
      { token: user.token },
    );
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['assigneeId', 'dueBefore', 'limit', 'status.1']);
    const cursor = await h.request<Problem>('GET', `/api/projects/${user.personalProjectId}/tasks?cursor=garbage`, {
      token: user.token,
    });
    expect(cursor.status).toBe(400);
    expect(paths(cursor.body)).toEqual(['cursor']);
    const mine = await h.request<Problem>('GET', '/api/tasks?assignee=you&limit=101', { token: user.token });
    expect(paths(mine.body)).toEqual(['assignee', 'limit']);
  });

  it('treats a malformed id in a path as not found', async () => {
    for (const path of [
      '/api/projects/123',
      '/api/projects/123/tasks',
      '/api/projects/x/members',
      '/api/tasks/nope',
      `/api/projects/${user.personalProjectId}/members/zzz`,
    ]) {
      const res = await h.request<Problem>(path.includes('members/zzz') ? 'DELETE' : 'GET', path, {
        token: user.token,
      });
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    const unknown = await h.request<Problem>('GET', '/api/tasks/00000000-0000-4000-8000-000000000000', {
      token: user.token,
    });
    expect(unknown.status).toBe(404);
  });
});

describe('plumbing', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const res = await h.request<Problem>('GET', '/api/nothing-here', { token: user.token });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('route_not_found');
  });

  it('requires a valid bearer token (401)', async () => {
    expect((await h.request('GET', '/api/projects')).status).toBe(401);
    expect((await h.request('GET', '/api/tasks?assignee=me', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it('carries the request id and serves health, readiness and metrics', async () => {
    const res = await h.request('GET', '/api/projects', { token: user.token, headers: { 'X-Request-Id': 'req-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect((await h.request('GET', '/healthz')).status).toBe(200);
    const ready = await h.request('GET', '/readyz');
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok', broker: 'ok', redis: 'ok' } });
    const metrics = await fetch(`${h.baseUrl}/metrics`);
    expect(await metrics.text()).toContain('http_request_duration_seconds');
  });

  it('serves its OpenAPI 3.1 document without a token', async () => {
    const res = await h.request<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: object }> };
    }>('GET', '/api/tasks/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/api/tasks/{tid}');
    expect(Object.keys(res.body.components.schemas.CreateTaskBody?.properties ?? {})).toContain('assigneeId');
  });

  it('puts the request id in the correlationId of the events it causes', async () => {
    const res = await h.request<{ id: string }>('POST', '/api/projects', {
      token: user.token,
      body: { name: 'Traced' },
      headers: { 'X-Request-Id': 'trace-42' },
    });
    const event = await h.waitForEvent((e) => e.type === 'project.created' && e.data.project.id === res.body.id);
    expect(event.correlationId).toBe('trace-42');
  });
});
