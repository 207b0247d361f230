import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_ALGORITHM } from '@taskflow/service-kit/auth';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JsonWebKey & { kid: string; alg: string; use: string };
}

/**
 * Loads the ES256 key from `file`, generating it on first start (development) so no key is ever
 * committed. In production the file is mounted from the secret store.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const privateKey = createPrivateKey(readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint: stable across restarts, changes when the key does.
  const thumbprintInput = JSON.stringify({ crv: exported.crv, kty: exported.kty, x: exported.x, y: exported.y });
  const kid = createHash('sha256').update(thumbprintInput).digest('base64url');
  return { kid, privateKey, publicKey, jwk: { ...exported, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' } };
}

export interface AccessTokenIssuer {
  issue(userId: string, sessionId: string): { accessToken: string; expiresIn: number };
}

export function createAccessTokenIssuer(
  key: SigningKey,
  opts: { issuer: string; audience: string; ttlSeconds: number },
): AccessTokenIssuer {
  return {
    issue(userId, sessionId) {
      const accessToken = jwt.sign({ typ: 'access', sid: sessionId }, key.privateKey, {
        algorithm: ACCESS_TOKEN_ALGORITHM,
        keyid: key.kid,
        subject: userId,
        issuer: opts.issuer,
        audience: opts.audience,
        expiresIn: opts.ttlSeconds,
      });
      return { accessToken, expiresIn: opts.ttlSeconds };
    },
  };
}
