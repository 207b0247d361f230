import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eStack } from '../playwright.config';
import { password, run } from './support';

/**
 * The calendar feed through the gateway, as a calendar app reaches it: no sign-in, the address is the
 * secret — so the gateway must route it, and must not write it into its access log.
 */
test('a calendar app reads the feed through nginx; rotating the address retires the old one; the log never holds it', async ({
  request,
}) => {
  const email = `cal-${run}@example.test`;
  const registered = await request.post('/api/auth/register', { data: { email, password, name: 'Cal' } });
  expect(registered.status()).toBe(201);
  const { accessToken } = (await registered.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };

  // The personal project appears once tasks has heard of the new user.
  let projectId: string | undefined;
  await expect
    .poll(async () => {
      const res = await request.get('/api/projects', { headers });
      projectId = ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
      return projectId;
    })
    .toBeTruthy();
  const me = (await (await request.get('/api/auth/me', { headers })).json()) as { user: { id: string } };
  const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const created = await request.post(`/api/projects/${projectId}/tasks`, {
    headers,
    data: { title: `Ship the ${run} release`, dueAt, assigneeId: me.user.id, reminders: [60] },
  });
  expect(created.status()).toBe(201);

  const feed = (await (await request.get('/api/calendar/feed', { headers })).json()) as { url: string };
  const feedPath = new URL(feed.url).pathname;
  expect(feedPath).toMatch(/^\/api\/calendar\/[^/]+\.ics$/);

  const ics = await request.get(feedPath);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const body = await ics.text();
  expect(body).toContain('BEGIN:VCALENDAR');
  expect(body).toContain(`SUMMARY:Ship the ${run} release`);
  expect(body).toContain('BEGIN:VALARM');

  const rotated = (await (await request.post('/api/calendar/feed', { headers })).json()) as { url: string };
  expect(rotated.url).not.toBe(feed.url);
  expect((await request.get(feedPath)).status()).toBe(404);
  expect((await request.get(new URL(rotated.url).pathname)).status()).toBe(200);

  // nginx writes its access log as it answers; both addresses were requested above.
  const accessLog = readFileSync(
    path.join(import.meta.dirname, '..', '.data', `nginx-${e2eStack.port}`, 'logs', 'access.log'),
    'utf8',
  );
  expect(accessLog).toContain('/api/calendar/(token).ics');
  for (const url of [feed.url, rotated.url])
    expect(accessLog).not.toContain(path.basename(new URL(url).pathname, '.ics'));
});
