import { createSign, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwksResolver, createTokenVerifier } from '@taskflow/service-kit/auth';
import { call, refreshCookieOf, startAuthApp, uniqueEmail, type AuthTestApp } from './auth-app';

let app: AuthTestApp;

beforeAll(async () => {
  app = await startAuthApp({ rotationGraceMs: 0 });
});
afterAll(async () => {
  await app?.close();
});

const register = async (name = 'Ada') => {
  const email = uniqueEmail(name.toLowerCase());
  const res = await call(app, 'POST', '/api/auth/register', { body: { email, password: 'correct horse', name } });
  expect(res.status).toBe(201);
  return { ...res, email, cookie: refreshCookieOf(res.headers)! };
};

describe('register', () => {
  it('creates the user, signs them in with an access token and an httpOnly refresh cookie', async () => {
    const res = await register('Ada');
    expect(res.body.user).toMatchObject({ email: res.email.toLowerCase(), name: 'Ada', timezone: 'UTC' });
    expect(res.body.expiresIn).toBe(900);
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/tf_refresh=[\w-]{40,};/);
    expect(setCookie).toMatch(/Path=\/api\/auth/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const me = await call(app, 'GET', '/api/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it('publishes user.registered through the outbox with the request id as correlation id', async () => {
    const res = await register('Grace');
    const event = await app.events.waitFor((e) => e.type === 'user.registered' && e.data.userId === res.body.user.id);
    expect(event).toMatchObject({
      version: 1,
      producer: 'auth',
      actorId: res.body.user.id,
      correlationId: res.headers.get('x-request-id'),
      data: { email: res.email.toLowerCase(), name: 'Grace', timezone: 'UTC' },
    });
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM outbox');
    expect(rows[0].n).toBe(0);
  });

  it('treats emails case-insensitively: a second account for the same address is 409', async () => {
    const first = await register('Linus');
    const again = await call(app, 'POST', '/api/auth/register', {
      body: { email: `  ${first.email.toUpperCase()} `, password: 'another password', name: 'Imposter' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'email_taken', errors: [{ path: 'email' }] });
  });

  it('answers bad input with 400 problem+json naming every bad field', async () => {
    const res = await call(app, 'POST', '/api/auth/register', {
      body: { email: 'not-an-email', password: 'short', name: '', timezone: 'Mars/Olympus' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'email',
      'name',
      'password',
      'timezone',
    ]);
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers malformed JSON and a missing body with 400, never 500', async () => {
    const malformed = await call(app, 'POST', '/api/auth/register', { raw: '{"email": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');
    const missing = await call(app, 'POST', '/api/auth/register');
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['email', 'password', 'name']),
    );
  });
});

describe('login', () => {
  it('signs in with the right password and rejects a wrong one or an unknown email with the same 401', async () => {
    const user = await register('Alan');
    const ok = await call(app, 'POST', '/api/auth/login', { body: { email: user.email, password: 'correct horse' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.body.user.id);
    expect(refreshCookieOf(ok.headers)).toBeTruthy();

    const wrong = await call(app, 'POST', '/api/auth/login', { body: { email: user.email, password: 'wrong horse' } });
    const unknown = await call(app, 'POST', '/api/auth/login', {
      body: { email: uniqueEmail('nobody'), password: 'wrong horse' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('stores argon2id hashes with the OWASP parameters, never the password', async () => {
    const user = await register('Hedy');
    const { rows } = await app.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.body.user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('refresh and logout', () => {
  it('rotates the refresh token on every use', async () => {
    const user = await register('Barbara');
    const first = await call(app, 'POST', '/api/auth/refresh', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.body.user.id).toBe(user.body.user.id);
    const rotated = refreshCookieOf(first.headers)!;
    expect(rotated).not.toBe(user.cookie);
    const second = await call(app, 'POST', '/api/auth/refresh', { cookie: rotated });
    expect(second.status).toBe(200);
  });

  it('revokes the whole session when a rotated token is used again (reuse detection)', async () => {
    const user = await register('Margaret');
    const first = await call(app, 'POST', '/api/auth/refresh', { cookie: user.cookie });
    const current = refreshCookieOf(first.headers)!;
    const stolen = await call(app, 'POST', '/api/auth/refresh', { cookie: user.cookie });
    expect(stolen.status).toBe(401);
    // The legitimate holder is signed out too: the session is gone.
    const afterTheft = await call(app, 'POST', '/api/auth/refresh', { cookie: current });
    expect(afterTheft.status).toBe(401);
  });

  it('answers 401 without a cookie and with an unknown one', async () => {
    expect((await call(app, 'POST', '/api/auth/refresh')).status).toBe(401);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: 'tf_refresh=forged' })).status).toBe(401);
  });

  it('logout revokes the session and clears the cookie', async () => {
    const user = await register('Katherine');
    const out = await call(app, 'POST', '/api/auth/logout', { cookie: user.cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join('')).toMatch(/tf_refresh=;/);
    expect((await call(app, 'POST', '/api/auth/refresh', { cookie: user.cookie })).status).toBe(401);
  });
});

describe('me', () => {
  it('updates name and timezone and publishes user.updated', async () => {
    const user = await register('Frances');
    const res = await call(app, 'PATCH', '/api/auth/me', {
      token: user.body.accessToken,
      body: { name: 'Fran', timezone: 'Europe/Berlin' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: 'Fran', timezone: 'Europe/Berlin' });
    await app.events.waitFor(
      (e) => e.type === 'user.updated' && e.data.userId === user.body.user.id && e.data.name === 'Fran',
    );
    const bad = await call(app, 'PATCH', '/api/auth/me', {
      token: user.body.accessToken,
      body: { timezone: 'Nowhere/Town', email: 'x@y.z' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'timezone']);
  });
});

describe('access tokens', () => {
  it('are ES256 JWTs that verify against the JWKS with pinned issuer and audience', async () => {
    const user = await register('Radia');
    const verifier = createTokenVerifier({
      resolveKey: createJwksResolver(`${app.baseUrl}/api/auth/.well-known/jwks.json`),
      issuer: 'taskflow-auth',
      audience: 'taskflow',
    });
    const claims = await verifier.verify(user.body.accessToken);
    expect(claims).toMatchObject({ sub: user.body.user.id, typ: 'access' });
    expect(jwt.decode(user.body.accessToken, { complete: true })?.header.alg).toBe('ES256');
  });

  it('rejects a missing, tampered, alg:none, HS256-confused, expired or wrong-audience token with 401', async () => {
    const user = await register('Sophie');
    const token: string = user.body.accessToken;
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const kid = app.signingKey.kid;

    const tampered = `${header}.${b64({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${token.split('.')[2]}`;
    const none = `${b64({ alg: 'none', typ: 'JWT', kid })}.${payload}.`;
    const publicPem = app.signingKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const hsConfused = jwt.sign(claims, publicPem, { algorithm: 'HS256', keyid: kid, noTimestamp: true });
    const sign = (body: object) => {
      const h = b64({ alg: 'ES256', typ: 'JWT', kid });
      const p = b64(body);
      const signature = createSign('SHA256')
        .update(`${h}.${p}`)
        .sign({ key: app.signingKey.privateKey, dsaEncoding: 'ieee-p1363' })
        .toString('base64url');
      return `${h}.${p}.${signature}`;
    };
    const expired = sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 });
    const wrongAudience = sign({ ...claims, aud: 'someone-else' });
    const otherKey = jwt.sign(
      { typ: 'access', sid: claims.sid },
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
      {
        algorithm: 'ES256',
        keyid: kid,
        subject: claims.sub,
        issuer: 'taskflow-auth',
        audience: 'taskflow',
        expiresIn: 60,
      },
    );
    // The control: the same signing helper produces a token that IS accepted.
    expect((await call(app, 'GET', '/api/auth/me', { token: sign(claims) })).status).toBe(200);

    for (const bad of [undefined, 'garbage', tampered, none, hsConfused, expired, wrongAudience, otherKey]) {
      const res = await call(app, 'GET', '/api/auth/me', { token: bad });
      expect(res.status, `token ${bad?.slice(0, 20)}`).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    }
  });
});

describe('the service', () => {
  it('answers an unknown route with 404 problem+json and reports readiness', async () => {
    const res = await call(app, 'GET', '/api/auth/nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route_not_found');
    expect((await call(app, 'GET', '/readyz')).body.status).toBe('ok');
    const metrics = await fetch(`${app.baseUrl}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/auth\/register"/);
  });

  it('routes one spelling of each path only: another case, a trailing slash or a doubled slash is 404', async () => {
    const body = { email: uniqueEmail('spelling'), password: 'wrong horse' };
    expect((await call(app, 'POST', '/api/auth/login', { body })).status).toBe(401);
    for (const path of [
      '/api/auth/LOGIN',
      '/api/auth/login/',
      '/api/Auth/login',
      '//api/auth/login',
      '/api/auth//login',
    ]) {
      const res = await call(app, 'POST', path, { body });
      expect(res.status, path).toBe(404);
      expect(res.body.code, path).toBe('route_not_found');
    }
  });

  it('echoes a well-formed X-Request-Id from the caller', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
  });
});
