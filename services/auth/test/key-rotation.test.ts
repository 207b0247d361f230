import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwksResolver, createTokenVerifier } from '@taskflow/service-kit/auth';
import { call, startAuthApp, uniqueEmail, type AuthTestApp } from './auth-app';

// Before: an instance signing with the key in AUTH_KEY_FILE. The rotation: a new key file becomes
// AUTH_KEY_FILE and the old one AUTH_PREVIOUS_KEY_FILE; the rotated instance shares the database.
let app: AuthTestApp;
let rotated: { baseUrl: string };
const kidOf = (token: string) => jwt.decode(token, { complete: true })?.header.kid;

beforeAll(async () => {
  app = await startAuthApp();
  const newKeyFile = join(mkdtempSync(join(tmpdir(), 'tf-rotated-')), 'key.pem');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(newKeyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  rotated = await app.startInstance({ AUTH_KEY_FILE: newKeyFile, AUTH_PREVIOUS_KEY_FILE: app.config.AUTH_KEY_FILE });
});
afterAll(async () => {
  await app?.close();
});

describe('signing key rotation', () => {
  it('keeps tokens of the previous key working, signs new ones with the new key, and publishes both', async () => {
    const email = uniqueEmail('rotor');
    const before = await call(app, 'POST', '/api/auth/register', {
      body: { email, password: 'correct horse battery', name: 'Rotor' },
    });
    expect(before.status).toBe(201);
    const oldToken = before.body.accessToken as string;
    expect(kidOf(oldToken)).toBe(app.signingKey.kid);

    expect((await call(rotated, 'GET', '/api/auth/me', { token: oldToken })).status).toBe(200);
    const after = await call(rotated, 'POST', '/api/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    expect(after.status).toBe(200);
    const newToken = after.body.accessToken as string;
    expect(kidOf(newToken)).not.toBe(app.signingKey.kid);

    const jwks = await call(rotated, 'GET', '/api/auth/.well-known/jwks.json');
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual([kidOf(newToken), app.signingKey.kid]);
    expect(jwks.body.keys.every((k: { d?: string }) => k.d === undefined)).toBe(true);
  });

  it('lets a verifier that knew only the old key learn the new one on its first unknown kid', async () => {
    // A JWKS endpoint that serves what auth published before the rotation, then after it.
    let published = (await call(app, 'GET', '/api/auth/.well-known/jwks.json')).body;
    const server: Server = createServer((_req, res) => res.end(JSON.stringify(published)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const verifier = createTokenVerifier({
        resolveKey: createJwksResolver(`http://127.0.0.1:${port}/`),
        issuer: 'taskflow-auth',
        audience: 'taskflow',
      });
      const email = uniqueEmail('verified');
      const old = await call(app, 'POST', '/api/auth/register', {
        body: { email, password: 'correct horse battery', name: 'Verified' },
      });
      await expect(verifier.verify(old.body.accessToken)).resolves.toMatchObject({ typ: 'access' });

      published = (await call(rotated, 'GET', '/api/auth/.well-known/jwks.json')).body;
      const fresh = await call(rotated, 'POST', '/api/auth/login', {
        body: { email, password: 'correct horse battery' },
      });
      await expect(verifier.verify(fresh.body.accessToken)).resolves.toMatchObject({ typ: 'access' });
      await expect(verifier.verify(old.body.accessToken)).resolves.toMatchObject({ typ: 'access' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not let tokens with made-up kids turn into a flood of JWKS requests', async () => {
    const published = (await call(app, 'GET', '/api/auth/.well-known/jwks.json')).body;
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits++;
      res.end(JSON.stringify(published));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const resolveKey = createJwksResolver(`http://127.0.0.1:${port}/`, { maxRefetchesPerMinute: 5 });
      // The same unknown kid again and again: asked about once.
      for (let i = 0; i < 5; i++) expect(await resolveKey('made-up')).toBeUndefined();
      expect(hits).toBe(1);
      // A different made-up kid each time: at most the minute's budget of refetches.
      for (let i = 0; i < 20; i++) expect(await resolveKey(`made-up-${i}`)).toBeUndefined();
      expect(hits).toBe(5);
      // The real key is still known without asking again.
      expect(await resolveKey(app.signingKey.kid)).toBeDefined();
      expect(hits).toBe(5);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
