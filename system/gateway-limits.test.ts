import { randomUUID } from 'node:crypto';
import { Agent, get } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthApp, type AuthTestApp } from '../services/auth/test/auth-app';
import { requestFrom, startGateway } from './gateway';
import { freePort } from './stack';

// The real auth service (real per-account and per-address limits) behind the real gateway
// configuration. Each sender below gets a loopback address of its own (127.0.0.x), so nginx's
// per-address limit of one sender never decides another's test.
let auth: AuthTestApp;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  auth = await startAuthApp({ env: { RATE_LIMIT_IP_PER_MIN: '30' } });
  gateway = await startGateway({
    auth: Number(new URL(auth.baseUrl).port),
    tasks: await freePort(),
    notifications: await freePort(),
  });
});
afterAll(async () => {
  await gateway?.close();
  await auth?.close();
});

let nextHost = 10;
const newSender = () => `127.0.0.${++nextHost}`;

const SPELLINGS = [
  '/api/auth/login',
  '/api/auth/LOGIN',
  '/API/AUTH/Login',
  '/api/auth/login/',
  '//api/auth//login',
  '/api/auth/%6Cogin',
  '/api/auth/%6c%6f%67%69%6e',
  '/api/auth/login/.',
  '/api/auth/register/',
  '/api/auth/Register',
  '/api/auth/password-reset/',
];

const isGatewayLimit = (res: { status: number; text: string }) =>
  res.status === 429 && /"code":"rate_limited"/.test(res.text) && /from this address/.test(res.text);

describe('the gateway limits sign-in however the path is spelled', () => {
  it.each(SPELLINGS)('%s: a burst from one address is cut off by nginx', async (path) => {
    const sender = newSender();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        requestFrom(sender, gateway.port, path, {
          method: 'POST',
          body: { email: `nobody-${randomUUID()}@example.test`, password: 'wrong guess' },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.some((s) => s >= 500),
      statuses.join(','),
    ).toBe(false);
    expect(answers.filter(isGatewayLimit).length, statuses.join(',')).toBeGreaterThan(0);
    const limited = answers.find(isGatewayLimit)!;
    expect(limited.headers['retry-after']).toBeDefined();
    // What got through reached the one handler (401), was refused by the service's own limits
    // (429), or is not a route there (404): never a second, unlimited door.
    expect(new Set(statuses.filter((s) => ![401, 404, 429, 202].includes(s)))).toEqual(new Set());
  });

  it('counts failed sign-ins for one account over every spelling: the 11th counted attempt is 429, then even the right password is', async () => {
    const email = `spelled-${randomUUID().slice(0, 8)}@example.test`;
    const password = 'correct horse battery';
    const registered = await requestFrom(newSender(), gateway.port, '/api/auth/register', {
      method: 'POST',
      body: { email, password, name: 'Spelled' },
    });
    expect(registered.status).toBe(201);

    const others = SPELLINGS.filter((p) => p !== '/api/auth/login' && /login/i.test(p));
    const results: { path: string; status: number }[] = [];
    for (let i = 0; i < 11; i++) {
      // One attempt through the true spelling, then one through each other spelling, each from a
      // fresh address so only the account's own counter can stop them.
      for (const path of ['/api/auth/login', ...others]) {
        const res = await requestFrom(newSender(), gateway.port, path, {
          method: 'POST',
          body: { email, password: `wrong guess ${i}` },
        });
        results.push({ path, status: res.status });
      }
    }
    const counted = results.filter((r) => r.status === 401);
    expect(counted.length).toBe(10);
    expect(results.filter((r) => r.path !== '/api/auth/login').every((r) => [404, 429].includes(r.status))).toBe(true);
    expect(results.filter((r) => r.path === '/api/auth/login').at(-1)!.status).toBe(429);

    const rightPassword = await requestFrom(newSender(), gateway.port, '/api/auth/login', {
      method: 'POST',
      body: { email, password },
    });
    expect(rightPassword.status).toBe(429);
    expect(Number(rightPassword.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not let a client forge its address: X-Forwarded-For is replaced by the one nginx sees', async () => {
    const sender = newSender();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await requestFrom(sender, gateway.port, '/api/auth/login', {
        method: 'POST',
        body: { email: `nobody-${randomUUID()}@example.test`, password: 'wrong guess' },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(res.status);
      // Slower than nginx's own 10 a second, so only the service's per-address limit can answer 429.
      await new Promise((resolve) => setTimeout(resolve, 110));
    }
    expect(statuses).toEqual([...Array<number>(30).fill(401), 429]);
  });
});

describe('the gateway hides the services’ operations endpoints', () => {
  it.each(['/metrics', '/readyz', '/healthz', '/api/auth/../metrics', '//metrics', '/METRICS'])(
    '%s never reaches a service',
    async (path) => {
      const res = await requestFrom(newSender(), gateway.port, path);
      expect(res.text).not.toMatch(/http_request_duration_seconds|process_cpu|"checks"/);
    },
  );
});

describe('what the gateway refuses itself is problem+json too, never an HTML page', () => {
  it.each([
    ['a NUL in the address', '/api/tasks/%00/comments', 'GET', undefined, 400, 'bad_request'],
    ['an address over the header buffers', `/api/projects/${'x'.repeat(20_000)}`, 'GET', undefined, 414, 'bad_request'],
    ['a change sent to a page of the app', '/api/tasks/..%2F..%2Fboard', 'DELETE', undefined, 405, 'route_not_found'],
    [
      'If-Match on a page of the app',
      '/api/tasks/..%2F..%2Fboard',
      'GET',
      undefined,
      412,
      'version_conflict',
      { 'if-match': '"nope"' },
    ],
    ['a body over 1 MB', '/api/projects', 'POST', { name: 'x'.repeat(1_100_000) }, 413, 'payload_too_large'],
    // Nothing listens behind the tasks upstream in this file.
    ['a service nobody can reach', '/api/projects', 'GET', undefined, 503, 'service_unavailable'],
  ] as const)('%s', async (_, path, method, body, status, code, headers?: Record<string, string>) => {
    const res = await requestFrom(newSender(), gateway.port, path, { method, body, headers });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status, code });
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});

describe('a busy client keeps its connection', () => {
  it('serves well over a thousand requests on one keep-alive connection', async () => {
    // nginx closes a keep-alive connection after `keepalive_requests` (1 000 unless set); a client that
    // has already sent its next request then gets a reset. The gateway sets it higher.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<Socket>();
    const fetchPage = () =>
      new Promise<number>((resolve, reject) => {
        get(`${gateway.url}/`, { agent }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        }).on('error', reject);
      });
    try {
      for (let i = 0; i < 1_100; i++) expect(await fetchPage()).toBe(200);
    } finally {
      agent.destroy();
    }
    expect(sockets.size).toBe(1);
  });
});
