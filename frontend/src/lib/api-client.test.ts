import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { deferred, problem, startApiServer, type ApiServer } from '../../test/api-server';
import { makeAuthResponse } from '../../test/fixtures';
import { apiRequest, itemsOf } from './api-client';
import { ApiError, errorMessage, UnexpectedResponseError } from './api-error';
import { endSession, getAccessToken, getSession, startSession, subscribeSession } from './auth-session';

const ProjectList = itemsOf(Project);
const getProjects = () => apiRequest('/api/projects', { schema: ProjectList });

let server: ApiServer;
let refreshCalls: number;
let refreshAnswer: () => Promise<{ status: number; body?: unknown }>;
let projectsBody: unknown;

beforeEach(async () => {
  refreshCalls = 0;
  refreshAnswer = async () => ({ status: 200, body: makeAuthResponse('fresh-token') });
  projectsBody = { items: [] };
  // Answers like the gateway: the refresh cookie exchange, and a route that only takes the fresh token.
  server = await startApiServer(({ method, path, headers }) => {
    if (method === 'POST' && path === '/api/auth/refresh') {
      refreshCalls++;
      return refreshAnswer();
    }
    if (method === 'GET' && path === '/api/projects') {
      if (headers.authorization !== 'Bearer fresh-token') {
        return problem(401, ErrorCode.unauthenticated, 'The access token has expired');
      }
      return { status: 200, body: projectsBody };
    }
    return problem(404, ErrorCode.routeNotFound, 'No such route');
  });
  startSession(makeAuthResponse('expired-token'));
});

afterEach(async () => {
  endSession();
  await server.close();
});

const projectRequests = () => server.requests.filter((r) => r.path === '/api/projects');

/** The refresh answers only when the test says every request has been refused, so all of them wait on it. */
function holdRefresh(answer: typeof refreshAnswer) {
  const allRefused = deferred();
  refreshAnswer = async () => {
    await allRefused.promise;
    return answer();
  };
  return allRefused;
}

describe('silent session refresh', () => {
  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    const allRefused = holdRefresh(async () => ({ status: 200, body: makeAuthResponse('fresh-token') }));
    const results = Promise.all([getProjects(), getProjects(), getProjects()]);
    await expect.poll(() => projectRequests().length).toBe(3);
    allRefused.resolve();

    expect(await results).toEqual([{ items: [] }, { items: [] }, { items: [] }]);
    expect(refreshCalls).toBe(1);
    expect(getAccessToken()).toBe('fresh-token');
    expect(projectRequests().map((r) => r.headers.authorization)).toEqual([
      ...Array(3).fill('Bearer expired-token'),
      ...Array(3).fill('Bearer fresh-token'),
    ]);
  });

  it('signs out when the refresh is refused, and the requests fail with 401', async () => {
    const allRefused = holdRefresh(async () => problem(401, ErrorCode.unauthenticated, 'The session has ended'));
    const seen: Array<string | null> = [];
    const unsubscribe = subscribeSession((session) => seen.push(session?.accessToken ?? null));

    const settled = Promise.allSettled([getProjects(), getProjects()]);
    await expect.poll(() => projectRequests().length).toBe(2);
    allRefused.resolve();
    const results = await settled;
    unsubscribe();

    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(result.status === 'rejected' && result.reason).toBeInstanceOf(ApiError);
      expect(result.status === 'rejected' && (result.reason as ApiError).status).toBe(401);
    }
    expect(refreshCalls).toBe(1);
    expect(getSession()).toBeNull();
    expect(seen).toEqual([null]);
    // Signed out by the refused refresh itself: nothing was sent again with the expired token.
    expect(projectRequests()).toHaveLength(2);
  });

  it('does not refresh for a request sent without the token', async () => {
    await expect(apiRequest('/api/projects', { auth: false, schema: ProjectList })).rejects.toMatchObject({
      status: 401,
    });
    expect(refreshCalls).toBe(0);
    expect(getAccessToken()).toBe('expired-token');
  });
});

describe('responses are parsed with the contracts schemas', () => {
  beforeEach(() => startSession(makeAuthResponse('fresh-token')));

  it('resolves to the parsed body', async () => {
    const project = {
      id: crypto.randomUUID(),
      name: 'Launch',
      description: '',
      role: 'owner',
      memberCount: 1,
      personal: false,
      createdAt: '2030-01-15T10:00:00.000Z',
    };
    projectsBody = { items: [project], somethingNew: true };
    expect(await getProjects()).toEqual({ items: [project] });
  });

  it('fails on a body that does not match', async () => {
    projectsBody = { items: [{ id: 'not-a-uuid', name: 'Launch' }] };
    const error = await getProjects().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(String((error as Error).message)).toContain('GET /api/projects');
    expect(errorMessage(error)).toBe('The server sent an unexpected answer. Please try again shortly.');
  });

  it('fails on a body that is not JSON', async () => {
    projectsBody = '<!doctype html><title>Login</title>';
    await expect(getProjects()).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});
