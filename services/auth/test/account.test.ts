import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, refreshCookieOf, startAuthApp, uniqueEmail, type AuthTestApp } from './auth-app';

let app: AuthTestApp;

beforeAll(async () => {
  app = await startAuthApp({ rotationGraceMs: 0 });
});
afterAll(async () => {
  await app?.close();
});

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PASSWORD = 'correct horse battery';

/** Registers someone (in Firefox) and signs them in a second time (on an iPhone): two sessions. */
const twoSessions = async (name: string) => {
  const email = uniqueEmail(name.toLowerCase());
  const first = await call(app, 'POST', '/api/auth/register', {
    body: { email, password: PASSWORD, name },
    headers: { 'user-agent': FIREFOX_LINUX },
  });
  expect(first.status).toBe(201);
  const second = await call(app, 'POST', '/api/auth/login', {
    body: { email, password: PASSWORD },
    headers: { 'user-agent': SAFARI_IPHONE },
  });
  expect(second.status).toBe(200);
  const sessionOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
  return {
    email,
    userId: first.body.user.id as string,
    laptop: {
      token: first.body.accessToken as string,
      cookie: refreshCookieOf(first.headers)!,
      id: sessionOf(first.body.accessToken),
    },
    phone: {
      token: second.body.accessToken as string,
      cookie: refreshCookieOf(second.headers)!,
      id: sessionOf(second.body.accessToken),
    },
  };
};

const revokedEvent = (sessionId: string, reason: string) =>
  app.events.waitFor(
    (e) => e.type === 'session.revoked' && e.data.sessionId === sessionId && e.data.reason === reason,
    `session.revoked ${reason}`,
  );

describe('password change', () => {
  it('checks the current password, refuses a common new one, and ends every other session', async () => {
    const user = await twoSessions('Changer');
    const wrong = await call(app, 'POST', '/api/auth/password', {
      token: user.laptop.token,
      body: { currentPassword: 'not my password', newPassword: 'a brand new phrase' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'currentPassword', message: expect.any(String) }]);

    const common = await call(app, 'POST', '/api/auth/password', {
      token: user.laptop.token,
      body: { currentPassword: PASSWORD, newPassword: 'password1' },
    });
    expect(common.status).toBe(400);
    expect(common.body.errors.map((e: { path: string }) => e.path)).toEqual(['newPassword']);

    const changed = await call(app, 'POST', '/api/auth/password', {
      token: user.laptop.token,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new phrase' },
    });
    expect(changed.status).toBe(204);

    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: user.phone.cookie })).status).toBe(401);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: user.laptop.cookie })).status).toBe(200);
    const oldPassword = await call(app, 'POST', '/api/auth/login', { body: { email: user.email, password: PASSWORD } });
    expect(oldPassword.status).toBe(401);
    const newPassword = await call(app, 'POST', '/api/auth/login', {
      body: { email: user.email, password: 'a brand new phrase' },
    });
    expect(newPassword.status).toBe(200);
    const event = await revokedEvent(user.phone.id, 'password_changed');
    expect(event.data).toMatchObject({ userId: user.userId });
    expect(app.events.events.some((e) => e.type === 'session.revoked' && e.data.sessionId === user.laptop.id)).toBe(
      false,
    );
  });

  it('requires a token and names bad fields', async () => {
    expect((await call(app, 'POST', '/api/auth/password', { body: {} })).status).toBe(401);
    const user = await twoSessions('Fields');
    const res = await call(app, 'POST', '/api/auth/password', {
      token: user.laptop.token,
      body: { newPassword: 'short', extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'currentPassword',
      'extra',
      'newPassword',
    ]);
  });
});

describe('sessions', () => {
  it('lists open sessions with device, last use and which is current', async () => {
    const user = await twoSessions('Lister');
    const res = await call(app, 'GET', '/api/auth/sessions', { token: user.phone.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.items).toHaveLength(2);
    const byId = Object.fromEntries(res.body.items.map((s: { id: string }) => [s.id, s]));
    expect(byId[user.phone.id]).toMatchObject({ current: true, device: 'Safari on iOS', userAgent: SAFARI_IPHONE });
    expect(byId[user.laptop.id]).toMatchObject({ current: false, device: 'Firefox on Linux' });
    expect(Date.parse(byId[user.laptop.id].lastUsedAt)).not.toBeNaN();
    expect(Date.parse(byId[user.laptop.id].createdAt)).not.toBeNaN();
  });

  it('ends one session by id: its refresh stops working, it leaves the list, session.revoked is published', async () => {
    const user = await twoSessions('Ender');
    const res = await call(app, 'DELETE', `/api/auth/sessions/${user.phone.id}`, { token: user.laptop.token });
    expect(res.status).toBe(204);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: user.phone.cookie })).status).toBe(401);
    const list = await call(app, 'GET', '/api/auth/sessions', { token: user.laptop.token });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([user.laptop.id]);
    await revokedEvent(user.phone.id, 'revoked');
    const again = await call(app, 'DELETE', `/api/auth/sessions/${user.phone.id}`, { token: user.laptop.token });
    expect(again.status).toBe(404);
  });

  it('answers 404 for someone else’s session and 400 naming id for a malformed one', async () => {
    const owner = await twoSessions('Owner');
    const stranger = await twoSessions('Stranger');
    const theirs = await call(app, 'DELETE', `/api/auth/sessions/${owner.phone.id}`, { token: stranger.laptop.token });
    expect(theirs.status).toBe(404);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: owner.phone.cookie })).status).toBe(200);
    const malformed = await call(app, 'DELETE', '/api/auth/sessions/not-a-uuid', { token: owner.laptop.token });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['id']);
  });

  it('signs out everywhere else and keeps the caller signed in', async () => {
    const user = await twoSessions('Everywhere');
    const res = await call(app, 'DELETE', '/api/auth/sessions', { token: user.laptop.token });
    expect(res.status).toBe(204);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: user.phone.cookie })).status).toBe(401);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: user.laptop.cookie })).status).toBe(200);
    await revokedEvent(user.phone.id, 'revoked');
  });

  it('publishes session.revoked on logout and on refresh-token reuse', async () => {
    const user = await twoSessions('Events');
    expect((await call(app, 'POST', '/api/auth/logout', { cookie: user.laptop.cookie })).status).toBe(204);
    await revokedEvent(user.laptop.id, 'logout');
    const rotated = await call(app, 'POST', '/api/auth/refresh', { cookie: user.phone.cookie });
    expect(rotated.status).toBe(200);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: user.phone.cookie })).status).toBe(401);
    await revokedEvent(user.phone.id, 'reuse_detected');
  });
});

describe('password reset', () => {
  const resetRequested = async (email: string, except?: string) => {
    const event = await app.events.waitFor(
      (e) =>
        e.type === 'user.password_reset_requested' &&
        e.data.email === email.toLowerCase() &&
        !e.data.resetUrl.endsWith(`=${except}`),
      'user.password_reset_requested',
    );
    if (event.type !== 'user.password_reset_requested') throw new Error('unreachable');
    return event;
  };
  const tokenOf = (resetUrl: string) => new URL(resetUrl).searchParams.get('token')!;

  it('answers 202 for any address, and emails only an existing one (an event with a 30-minute link)', async () => {
    const unknown = await call(app, 'POST', '/api/auth/password-reset', { body: { email: uniqueEmail('nobody') } });
    expect(unknown.status).toBe(202);
    const user = await twoSessions('Forgetful');
    const before = Date.now();
    const known = await call(app, 'POST', '/api/auth/password-reset', { body: { email: user.email.toUpperCase() } });
    expect(known.status).toBe(202);
    const event = await resetRequested(user.email);
    expect(event.data).toMatchObject({ userId: user.userId, name: 'Forgetful' });
    expect(event.data.resetUrl).toMatch(/^http:\/\/localhost:8080\/reset-password\?token=[\w-]{43}$/);
    const minutes = (Date.parse(event.data.expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30.5);
    // Only a digest of the token is stored.
    const token = tokenOf(event.data.resetUrl);
    const { rows } = await app.pool.query('SELECT token_hash FROM password_reset_tokens WHERE user_id = $1', [
      user.userId,
    ]);
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).toEqual([
      createHash('sha256').update(token).digest('base64url'),
    ]);
    expect(app.events.events.filter((e) => e.type === 'user.password_reset_requested')).toHaveLength(1);
  });

  it('sets the new password once with the token, ending every session; the token then stops working', async () => {
    const user = await twoSessions('Resetter');
    await call(app, 'POST', '/api/auth/password-reset', { body: { email: user.email } });
    const token = tokenOf((await resetRequested(user.email)).data.resetUrl);

    const common = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, newPassword: 'qwertyuiop' },
    });
    expect(common.status).toBe(400);
    expect(common.body.errors.map((e: { path: string }) => e.path)).toEqual(['newPassword']);

    const ok = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, newPassword: 'reset to something new' },
    });
    expect(ok.status).toBe(204);
    for (const session of [user.laptop, user.phone]) {
      expect((await call(app, 'POST', '/api/auth/refresh', { cookie: session.cookie })).status).toBe(401);
      await revokedEvent(session.id, 'password_reset');
    }
    const signIn = await call(app, 'POST', '/api/auth/login', {
      body: { email: user.email, password: 'reset to something new' },
    });
    expect(signIn.status).toBe(200);

    const reused = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, newPassword: 'and yet another one' },
    });
    expect(reused.status).toBe(400);
    expect(reused.body.errors.map((e: { path: string }) => e.path)).toEqual(['token']);
  });

  it('refuses an expired token, an unknown one, and an earlier link once a newer one was sent', async () => {
    const user = await twoSessions('Late');
    await call(app, 'POST', '/api/auth/password-reset', { body: { email: user.email } });
    const first = tokenOf((await resetRequested(user.email)).data.resetUrl);
    await call(app, 'POST', '/api/auth/password-reset', { body: { email: user.email } });
    const latest = tokenOf((await resetRequested(user.email, first)).data.resetUrl);
    const confirm = (token: string) =>
      call(app, 'POST', '/api/auth/password-reset/confirm', { body: { token, newPassword: 'reset to something new' } });

    expect((await confirm(first)).status).toBe(400);
    expect((await confirm('made-up-token')).status).toBe(400);
    await app.pool.query(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.userId],
    );
    const expired = await confirm(latest);
    expect(expired.status).toBe(400);
    expect(expired.body.errors[0].path).toBe('token');
  });
});

describe('registration', () => {
  it('refuses a common password, naming the field', async () => {
    const res = await call(app, 'POST', '/api/auth/register', {
      body: { email: uniqueEmail('weak'), password: 'password1', name: 'Weak' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'password', message: expect.stringMatching(/common/) }]);
  });
});
