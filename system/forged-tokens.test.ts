import { createPrivateKey, createPublicKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, SCALED, startStack, type ServiceName, type Stack } from './stack';

/**
 * Every service, and the socket handshake, refuses a token that auth did not issue as it is:
 * the real processes, verifying with auth's real JWKS.
 */
let stack: Stack;
let valid: string;
let authKey: KeyObject;

beforeAll(async () => {
  stack = await startStack(SCALED);
  await stack.startAll();
  valid = (await registerUser(stack, 'Forged')).token;
  // The key auth generated on its first start: only to build tokens that differ from a real one in one way.
  authKey = createPrivateKey(readFileSync(stack.envOf.auth.AUTH_KEY_FILE!));
}, 90_000);

afterAll(async () => {
  await stack?.close();
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (token: string) => ({
  header: JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>,
  payload: JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>,
});
/** ES256 over any header and payload, with any key. */
const es256 = (header: object, payload: object, key: KeyObject) => {
  const signingInput = `${b64(header)}.${b64(payload)}`;
  const signature = createSign('SHA256').update(signingInput).sign({ key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
};

const FORGERIES = [
  'alg none',
  'HS256 signed with the public key',
  'expired',
  'wrong aud',
  'wrong iss',
  'tampered payload',
  'unknown kid',
  'right kid, another key',
  'a refresh-like typ',
] as const;

function forgeries(): Record<(typeof FORGERIES)[number], string> {
  const { header, payload } = decode(valid);
  const [h, p, s] = valid.split('.');
  const publicPem = createPublicKey(authKey).export({ format: 'pem', type: 'spki' }).toString();
  const now = Math.floor(Date.now() / 1000);
  return {
    'alg none': `${b64({ ...header, alg: 'none' })}.${p}.`,
    'HS256 signed with the public key': jwt.sign(payload, publicPem, {
      algorithm: 'HS256',
      keyid: header.kid as string,
    }),
    expired: es256(header, { ...payload, iat: now - 1000, exp: now - 10 }, authKey),
    'wrong aud': es256(header, { ...payload, aud: 'someone-else' }, authKey),
    'wrong iss': es256(header, { ...payload, iss: 'not-taskflow' }, authKey),
    'tampered payload': `${h}.${b64({ ...payload, sub: '00000000-0000-4000-8000-000000000000' })}.${s}`,
    'unknown kid': es256(
      { ...header, kid: 'a-key-nobody-published' },
      payload,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
    ),
    'right kid, another key': es256(header, payload, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
    'a refresh-like typ': es256(header, { ...payload, typ: 'refresh' }, authKey),
  };
}

const PROBES: Record<ServiceName, string> = {
  auth: '/api/auth/me',
  tasks: '/api/projects',
  notifications: '/api/notifications/unread-count',
};
/** Each service's authenticated route through the gateway and at each of its instances directly. */
const endpoints = (): Record<string, string> =>
  Object.fromEntries(
    (Object.entries(PROBES) as [ServiceName, string][]).flatMap(([service, path]) => [
      [`${service} via nginx`, `${stack.urls[service]}${path}`],
      ...stack.instanceUrls(service).map((url, k) => [`${service} instance ${k + 1}`, `${url}${path}`]),
    ]),
  );

const statusWith = async (url: string, token: string) =>
  (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;

function handshake(token: string): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connectClient(stack.urls.notifications, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', () => {
      socket.disconnect();
      resolve('refused');
    });
  });
}

describe('forged access tokens', () => {
  it('the control: the real token works on every service and the socket', async () => {
    for (const url of Object.values(endpoints())) expect(await statusWith(url, valid), url).toBe(200);
    expect(await handshake(valid)).toBe('connected');
    // The helper signs a real token's copy so that it is accepted: the forgeries differ only in what they say.
    const { header, payload } = decode(valid);
    expect(await statusWith(endpoints()['tasks via nginx']!, es256(header, payload, authKey))).toBe(200);
  });

  it.each(FORGERIES)('%s: 401 from every service, refused at the socket handshake', async (name) => {
    const token = forgeries()[name];
    for (const [service, url] of Object.entries(endpoints())) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, service).toBe(401);
      expect(((await res.json()) as { code: string }).code, service).toBe('unauthenticated');
    }
    expect(await handshake(token)).toBe('refused');
  });
});
