import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startAuthApp, uniqueEmail, type AuthTestApp } from './auth-app';

// The real defaults (10 per account, 30 per address a minute), shared through Redis by two instances.
// Callers are told apart by X-Forwarded-For, which the service trusts from loopback (nginx's address).
let app: AuthTestApp;
let second: { baseUrl: string };

beforeAll(async () => {
  app = await startAuthApp({ env: { RATE_LIMIT_IP_PER_MIN: '30' } });
  second = await app.startInstance();
});
afterAll(async () => {
  await app?.close();
});

let addressCounter = 0;
/** A documentation-range address no other test uses. */
const newAddress = () => `198.51.100.${++addressCounter}`;
const from = (address: string) => ({ 'x-forwarded-for': address });

const register = async (email = uniqueEmail('limited')) => {
  const res = await call(app, 'POST', '/api/auth/register', {
    body: { email, password: 'correct horse battery', name: 'Limited' },
    headers: from(newAddress()),
  });
  expect(res.status).toBe(201);
  return email;
};

describe('per-account limit on sign-in', () => {
  it('answers the 11th failed sign-in for one account in a minute with 429 and Retry-After, even with the right password', async () => {
    const email = await register();
    for (let i = 1; i <= 10; i++) {
      // Every attempt from another address, so only the account's own counter can stop them.
      const res = await call(app, 'POST', '/api/auth/login', {
        body: { email, password: `wrong guess ${i}` },
        headers: from(newAddress()),
      });
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const eleventh = await call(app, 'POST', '/api/auth/login', {
      body: { email, password: 'wrong guess 11' },
      headers: from(newAddress()),
    });
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(eleventh.body.code).toBe('rate_limited');
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const rightPassword = await call(app, 'POST', '/api/auth/login', {
      body: { email, password: 'correct horse battery' },
      headers: from(newAddress()),
    });
    expect(rightPassword.status).toBe(429);
  });

  it('counts attempts spread over two instances together (the counters live in Redis)', async () => {
    const email = await register();
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const instance = i % 2 === 0 ? second : app;
      const res = await call(instance, 'POST', '/api/auth/login', {
        body: { email, password: `wrong guess ${i}` },
        headers: from(newAddress()),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
  });

  it('does not count successful sign-ins: an account used often is never locked by its owner', async () => {
    const email = await register();
    for (let i = 1; i <= 12; i++) {
      const res = await call(i % 2 ? app : second, 'POST', '/api/auth/login', {
        body: { email, password: 'correct horse battery' },
        headers: from('198.51.100.250'),
      });
      expect(res.status, `sign-in ${i}`).toBe(200);
    }
  });

  it('counts the same account however its email is written', async () => {
    const email = await register();
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const spelled = i % 2 ? `  ${email.toUpperCase()} ` : email;
      const res = await call(app, 'POST', '/api/auth/login', {
        body: { email: spelled, password: `wrong ${i}` },
        headers: from(newAddress()),
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('per-address limit', () => {
  it('stops one address guessing across many accounts after 30 failures a minute; another address still signs in', async () => {
    const flooder = newAddress();
    const statuses: number[] = [];
    for (let i = 1; i <= 31; i++) {
      const res = await call(i % 2 ? app : second, 'POST', '/api/auth/login', {
        body: { email: uniqueEmail(`victim${i}`), password: 'wrong guess' },
        headers: from(flooder),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(30).fill(401), 429]);

    const email = await register();
    const other = await call(app, 'POST', '/api/auth/login', {
      body: { email, password: 'correct horse battery' },
      headers: from(newAddress()),
    });
    expect(other.status).toBe(200);
  });

  it('limits registrations per address', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let i = 1; i <= 31; i++) {
      const res = await call(app, 'POST', '/api/auth/register', {
        body: { email: uniqueEmail(`signup${i}`), password: 'correct horse battery', name: 'X' },
        headers: from(address),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(30).fill(201), 429]);
  });
});

describe('the hashing line', () => {
  let small: AuthTestApp;
  beforeAll(async () => {
    // One hash at a time and a line of 50: a single address could fill it on its own.
    small = await startAuthApp({ env: { HASH_CONCURRENCY: '1', HASH_QUEUE_PER_CLIENT: '2' } });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('cannot be filled by one address: a flood from one makes another’s sign-in wait its turn, never fail', async () => {
    const email = uniqueEmail('patient');
    const registered = await call(small, 'POST', '/api/auth/register', {
      body: { email, password: 'correct horse battery', name: 'Patient' },
      headers: from('203.0.113.2'),
    });
    expect(registered.status).toBe(201);

    const flood = Array.from({ length: 200 }, (_, i) =>
      call(small, 'POST', '/api/auth/login', {
        body: { email: uniqueEmail(`flood${i}`), password: 'wrong guess' },
        headers: from('203.0.113.1'),
      }),
    );
    // Sent in the middle of the flood, from another address.
    const mine = call(small, 'POST', '/api/auth/login', {
      body: { email, password: 'correct horse battery' },
      headers: from('203.0.113.2'),
    });
    const more = Array.from({ length: 50 }, (_, i) =>
      call(small, 'POST', '/api/auth/login', {
        body: { email: uniqueEmail(`flood-late${i}`), password: 'wrong guess' },
        headers: from('203.0.113.1'),
      }),
    );
    const floodStatuses = (await Promise.all([...flood, ...more])).map((r) => r.status);
    expect((await mine).status).toBe(200);
    // The flooder gets its answers (401) or is told to slow down (429); nobody gets 503.
    expect(new Set(floodStatuses)).toEqual(new Set([401, 429]));
  });
});
