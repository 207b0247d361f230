import { randomUUID } from 'node:crypto';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, waitFor } from '@taskflow/service-kit/testing';
import { SCALED, startStack, type Stack } from './stack';

/**
 * A session ended at auth (sign-out, another session's password change, a reset, a stolen refresh
 * token) is refused within seconds by all three services — real processes, two instances of each
 * behind nginx, session.revoked through the real broker — on every instance, and its live sockets,
 * whichever instance holds them, are closed.
 */
let stack: Stack;
let events: Awaited<ReturnType<typeof collectEvents>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  // Reuse of a rotated refresh token counts as theft at once (no grace for racing tabs).
  stack = await startStack({ ...SCALED, env: { auth: { REFRESH_REUSE_GRACE_MS: '0' } } });
  events = await collectEvents(stack.exchange, stack.amqpUrl);
  await stack.startAll();
}, 90_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await events?.close();
  await stack?.close();
});

const PASSWORD = 'correct horse battery';

async function post(path: string, init: { body?: unknown; cookie?: string; token?: string } = {}) {
  const res = await fetch(`${stack.urls.auth}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: JSON.stringify(init.body ?? {}),
  });
  const text = await res.text();
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tf_refresh='))
    ?.split(';')[0];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any, cookie };
}

/** A person signed in twice: `a` and `b` are two sessions (two browsers) of one account. */
async function personWithTwoSessions() {
  const email = `revoke-${randomUUID().slice(0, 8)}@example.test`;
  const registered = await post('/api/auth/register', { body: { email, password: PASSWORD, name: 'Revoked' } });
  expect(registered.status).toBe(201);
  const again = await post('/api/auth/login', { body: { email, password: PASSWORD } });
  expect(again.status).toBe(200);
  const session = (res: typeof registered) => ({ token: res.body.accessToken as string, cookie: res.cookie! });
  // tasks learns the user from user.registered; until then its answers say nothing about tokens.
  await waitFor(async () => (await statusesOf(session(registered).token)).tasks === 200, {
    timeoutMs: 10_000,
    what: 'tasks to know the user',
  });
  return { email, userId: registered.body.user.id as string, a: session(registered), b: session(again) };
}

/**
 * What each service answers a token on one of its authenticated routes, asked of every instance
 * directly: one status when they agree, `200/401` (say) when they do not.
 */
async function statusesOf(token: string) {
  const get = async (url: string) => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;
  const everywhere = async (service: 'auth' | 'tasks' | 'notifications', path: string) => {
    const statuses = await Promise.all(stack.instanceUrls(service).map((url) => get(`${url}${path}`)));
    return statuses.every((s) => s === statuses[0]) ? statuses[0] : statuses.join('/');
  };
  return {
    auth: await everywhere('auth', '/api/auth/me'),
    tasks: await everywhere('tasks', '/api/projects'),
    notifications: await everywhere('notifications', '/api/notifications/unread-count'),
  };
}

async function liveSocket(token: string, url = stack.urls.notifications) {
  const socket = connectClient(url, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  return { socket, closed };
}

/**
 * The token works everywhere and it has a socket open on each notifications instance (and one through
 * the gateway); after `end()`, no instance takes it within a few seconds and every socket is closed.
 */
async function expectEndedEverywhere(token: string, end: () => Promise<void>) {
  expect(await statusesOf(token)).toEqual({ auth: 200, tasks: 200, notifications: 200 });
  const { socket, closed } = await liveSocket(token);
  const direct = await Promise.all(stack.instanceUrls('notifications').map((url) => liveSocket(token, url)));
  await end();
  await waitFor(
    async () => {
      const s = await statusesOf(token);
      return s.auth === 401 && s.tasks === 401 && s.notifications === 401;
    },
    { timeoutMs: 8000, intervalMs: 100, what: 'every service to refuse the ended session' },
  );
  expect(await closed).toBe('io server disconnect');
  expect(socket.connected).toBe(false);
  expect(await Promise.all(direct.map((d) => d.closed))).toEqual(direct.map(() => 'io server disconnect'));
  // A socket cannot be opened again with it either.
  await expect(liveSocket(token)).rejects.toThrow();
}

describe('an ended session is refused everywhere within seconds', () => {
  it('after sign-out', async () => {
    const person = await personWithTwoSessions();
    await expectEndedEverywhere(person.a.token, async () => {
      expect((await post('/api/auth/logout', { cookie: person.a.cookie })).status).toBe(204);
    });
    // The other session is untouched.
    expect(await statusesOf(person.b.token)).toEqual({ auth: 200, tasks: 200, notifications: 200 });
  });

  it('after a password change in another session', async () => {
    const person = await personWithTwoSessions();
    await expectEndedEverywhere(person.b.token, async () => {
      const res = await post('/api/auth/password', {
        token: person.a.token,
        body: { currentPassword: PASSWORD, newPassword: 'an entirely new phrase' },
      });
      expect(res.status).toBe(204);
    });
    expect(await statusesOf(person.a.token)).toEqual({ auth: 200, tasks: 200, notifications: 200 });
  });

  it('after a password reset', async () => {
    const person = await personWithTwoSessions();
    await expectEndedEverywhere(person.a.token, async () => {
      expect((await post('/api/auth/password-reset', { body: { email: person.email } })).status).toBe(202);
      const requested = await events.waitFor(
        (e) => e.type === 'user.password_reset_requested' && e.data.userId === person.userId,
      );
      const resetUrl = requested.type === 'user.password_reset_requested' ? requested.data.resetUrl : '';
      const token = new URL(resetUrl).searchParams.get('token');
      const confirmed = await post('/api/auth/password-reset/confirm', {
        body: { token, newPassword: 'reset to a new phrase' },
      });
      expect(confirmed.status).toBe(204);
    });
    await waitFor(async () => (await statusesOf(person.b.token)).tasks === 401, {
      timeoutMs: 8000,
      what: 'the second session to end too',
    });
  });

  it('after a stolen refresh token is used again (reuse detection)', async () => {
    const person = await personWithTwoSessions();
    const rotated = await post('/api/auth/refresh', { cookie: person.a.cookie });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.accessToken as string;
    await expectEndedEverywhere(fresh, async () => {
      expect((await post('/api/auth/refresh', { cookie: person.a.cookie })).status).toBe(401);
      await events.waitFor(
        (e) => e.type === 'session.revoked' && e.data.userId === person.userId && e.data.reason === 'reuse_detected',
        'session.revoked reuse_detected',
      );
    });
  });
});
