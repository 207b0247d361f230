import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { LoaderFunctionArgs } from 'react-router';
import { startApiServer, type ApiServer } from '../../test/api-server';
import { makeAuthResponse } from '../../test/fixtures';

const projectId = crypto.randomUUID();
let server: ApiServer;
let signedIn: boolean;

beforeEach(async () => {
  // Each test starts as a fresh page: no session yet, the refresh cookie not yet asked.
  vi.resetModules();
  server = await startApiServer(({ path }) => {
    if (path === '/api/auth/refresh')
      return signedIn ? { status: 200, body: makeAuthResponse('token-1') } : { status: 401 };
    if (path.endsWith('/tasks')) return { status: 200, body: { items: [], nextCursor: null } };
    if (path.endsWith('/members')) return { status: 200, body: { items: [] } };
    return { status: 404 };
  });
});
afterEach(() => server.close());

const boardArgs = (search: string) =>
  ({
    params: { projectId },
    request: new Request(`${server.origin}/projects/${projectId}${search}`),
  }) as unknown as LoaderFunctionArgs;

it('asks for the board’s lists with the address’s filters, with the token, the moment the session starts', async () => {
  signedIn = true;
  const { prefetchBoard } = await import('./route-prefetch');
  expect(prefetchBoard(boardArgs('?priority=high'))).toBeNull();
  await vi.waitFor(() => expect(server.requests.filter((r) => r.path.endsWith('/tasks'))).toHaveLength(3));
  const lists = server.requests.filter((r) => r.path === `/api/projects/${projectId}/tasks`);
  expect(lists.map((r) => r.query.get('priority'))).toEqual(['high', 'high', 'high']);
  expect(lists.every((r) => r.headers.authorization === 'Bearer token-1')).toBe(true);
  await vi.waitFor(() => expect(server.requests.some((r) => r.path.endsWith('/members'))).toBe(true));
  // One refresh for the page, however many loaders wait for it.
  expect(server.requests.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
});

it('asks for nothing when the page loads signed out', async () => {
  signedIn = false;
  const { prefetchBoard, prefetchProject } = await import('./route-prefetch');
  const { restoreSession } = await import('@/lib/auth-session');
  prefetchProject(boardArgs(''));
  prefetchBoard(boardArgs(''));
  expect(await restoreSession()).toBeNull();
  // A request of the test's own, after anything the loaders could have sent.
  await fetch(`${server.origin}/after`);
  expect(server.requests.map((r) => r.path)).toEqual(['/api/auth/refresh', '/after']);
});
