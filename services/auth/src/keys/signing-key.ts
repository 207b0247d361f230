import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_ALGORITHM } from '@taskflow/service-kit/auth';
import type { AccessTokenIssuer } from '../domain/auth.service';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JsonWebKey & { kid: string; alg: string; use: string };
}

/** The public half, its JWK and a stable key id of an ES256 private key. */
export function signingKeyFrom(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint: stable across restarts, changes when the key does.
  const thumbprintInput = JSON.stringify({ crv: exported.crv, kty: exported.kty, x: exported.x, y: exported.y });
  const kid = createHash('sha256').update(thumbprintInput).digest('base64url');
  return { kid, privateKey, publicKey, jwk: { ...exported, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' } };
}

/** Signs access tokens as JWTs with the key; the domain sees only `AccessTokenIssuer`. */
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
