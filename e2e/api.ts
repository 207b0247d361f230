import { expect, type APIRequestContext } from '@playwright/test';
import { password } from './support';

/**
 * Setting a scene through the API, as fast as a test needs it. Signing up through a page's own
 * `page.request` also signs that page in: the refresh cookie lands in its browser context, so the
 * next page load restores the session without the login form.
 */

export type ApiUser = { id: string; name: string; email: string; token: string; personalProjectId: string };

export async function signUpByApi(
  request: APIRequestContext,
  person: { name: string; email: string; timezone?: string },
): Promise<ApiUser> {
  const registered = await request.post('/api/auth/register', { data: { ...person, password } });
  expect(registered.status(), await registered.text()).toBe(201);
  const { accessToken, user } = (await registered.json()) as { accessToken: string; user: { id: string } };
  // The tasks service learns of a new user from an event; their personal project says it has.
  let personalProjectId = '';
  await expect
    .poll(async () => {
      const res = await request.get('/api/projects', { headers: { Authorization: `Bearer ${accessToken}` } });
      const items = res.ok() ? ((await res.json()) as { items: Array<{ id: string; personal: boolean }> }).items : [];
      personalProjectId = items.find((p) => p.personal)?.id ?? '';
      return personalProjectId;
    })
    .not.toBe('');
  return { id: user.id, name: person.name, email: person.email, token: accessToken, personalProjectId };
}

/** A JSON call as `user`; fails the test on any answer but `status`. */
export async function callApi<T = unknown>(
  request: APIRequestContext,
  user: ApiUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
  status = method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200,
): Promise<T> {
  const res = await request.fetch(path, { method, data, headers: { Authorization: `Bearer ${user.token}` } });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

export async function createProjectWithMembers(
  request: APIRequestContext,
  owner: ApiUser,
  name: string,
  members: Array<{ user: ApiUser; role?: 'admin' | 'member' }>,
): Promise<string> {
  const { id } = await callApi<{ id: string }>(request, owner, 'POST', '/api/projects', { name });
  for (const { user, role = 'member' } of members) {
    await callApi(request, owner, 'POST', `/api/projects/${id}/members`, { email: user.email, role });
  }
  return id;
}
