import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Request, RequestHandler } from 'express';
import { AppError, ErrorCode } from './errors';
import { requestContext, type AuthContext } from './context';

export const ACCESS_TOKEN_ALGORITHM = 'ES256';

export interface AccessClaims {
  sub: string;
  sid: string;
  typ: 'access';
  exp: number;
}

export interface TokenVerifier {
  verify(token: string): Promise<AccessClaims>;
}

export type KeyResolver = (kid: string | undefined) => Promise<KeyObject | undefined>;

const unauthenticated = (message = 'A valid access token is required') =>
  new AppError(ErrorCode.unauthenticated, message, { headers: { 'WWW-Authenticate': 'Bearer' } });

/**
 * Verifies access tokens with a pinned algorithm, issuer and audience. Keys come from `resolveKey`
 * (a JWKS fetched once and cached, or auth's own key). Verified tokens are cached until they
 * expire, so a board page costs one Map lookup instead of one ECDSA verification.
 */
export function createTokenVerifier(opts: {
  resolveKey: KeyResolver;
  issuer: string;
  audience: string;
  cacheSize?: number;
  /** Whether auth has ended the token's session early (`session.revoked`); asked on every use. */
  isRevoked?: (sessionId: string) => Promise<boolean>;
}): TokenVerifier {
  const cache = new Map<string, AccessClaims>();
  const cacheSize = opts.cacheSize ?? 10_000;
  const notRevoked = async (claims: AccessClaims) => {
    if (opts.isRevoked && (await opts.isRevoked(claims.sid))) throw unauthenticated('This session has ended');
    return claims;
  };

  return {
    async verify(token) {
      const cached = cache.get(token);
      if (cached) {
        if (cached.exp * 1000 > Date.now()) return notRevoked(cached);
        cache.delete(token);
      }
      const decoded = jwt.decode(token, { complete: true });
      if (!decoded || typeof decoded.payload === 'string') throw unauthenticated();
      if (decoded.header.alg !== ACCESS_TOKEN_ALGORITHM) throw unauthenticated();
      const key = await opts.resolveKey(decoded.header.kid);
      if (!key) throw unauthenticated();
      let payload: jwt.JwtPayload;
      try {
        payload = jwt.verify(token, key, {
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          issuer: opts.issuer,
          audience: opts.audience,
        }) as jwt.JwtPayload;
      } catch (err) {
        throw unauthenticated(err instanceof jwt.TokenExpiredError ? 'The access token has expired' : undefined);
      }
      if (
        payload.typ !== 'access' ||
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        typeof payload.exp !== 'number'
      ) {
        throw unauthenticated();
      }
      const claims: AccessClaims = { sub: payload.sub, sid: payload.sid, typ: 'access', exp: payload.exp };
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(token, claims);
      return notRevoked(claims);
    },
  };
}

interface Jwk extends JsonWebKey {
  kid?: string;
  alg?: string;
  use?: string;
}

/**
 * Resolves keys from auth's JWKS. Parsed once into KeyObjects. A kid it does not know (a key
 * rotation) refetches at once, so a new key is accepted from its first token; a kid still unknown
 * after that is remembered as unknown for `unknownKidTtlMs`, and refetches are capped at
 * `maxRefetchesPerMinute`, so tokens with made-up kids cannot turn into a flood on auth.
 */
export function createJwksResolver(
  jwksUrl: string,
  opts: { unknownKidTtlMs?: number; maxRefetchesPerMinute?: number; timeoutMs?: number } = {},
): KeyResolver {
  const unknownKidTtlMs = opts.unknownKidTtlMs ?? 30_000;
  const maxRefetchesPerMinute = opts.maxRefetchesPerMinute ?? 10;
  let keys = new Map<string, KeyObject>();
  const unknownUntil = new Map<string, number>();
  let refetches: number[] = [];
  let inflight: Promise<void> | undefined;

  const refresh = () => {
    inflight ??= (async () => {
      try {
        const res = await fetch(jwksUrl, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) });
        if (!res.ok) throw new Error(`JWKS ${jwksUrl} answered ${res.status}`);
        const body = (await res.json()) as { keys?: Jwk[] };
        const next = new Map<string, KeyObject>();
        for (const jwk of body.keys ?? []) {
          if (!jwk.kid || (jwk.alg && jwk.alg !== ACCESS_TOKEN_ALGORITHM)) continue;
          next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
        }
        keys = next;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  const mayRefetch = (kid: string, now: number) => {
    if ((unknownUntil.get(kid) ?? 0) > now) return false;
    refetches = refetches.filter((at) => now - at < 60_000);
    return refetches.length < maxRefetchesPerMinute;
  };

  return async (kid) => {
    if (!kid) return undefined;
    const now = Date.now();
    if (!keys.has(kid) && mayRefetch(kid, now)) {
      if (!inflight) refetches.push(now);
      try {
        await refresh();
      } catch (err) {
        throw new AppError(ErrorCode.unavailable, 'Cannot verify tokens right now', { cause: err });
      }
      if (!keys.has(kid)) {
        if (unknownUntil.size >= 1000) unknownUntil.clear();
        unknownUntil.set(kid, now + unknownKidTtlMs);
      }
    }
    return keys.get(kid);
  };
}

/** Reads and verifies `Authorization: Bearer …`; sets req.auth and the user id of the log context. */
export function requireAuth(verifier: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw unauthenticated();
    const claims = await verifier.verify(match[1]);
    req.auth = { userId: claims.sub, sessionId: claims.sid };
    const ctx = requestContext.getStore();
    if (ctx) ctx.userId = claims.sub;
    next();
  };
}

/** The authenticated caller of a route behind requireAuth. */
export function authOf(req: Request): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}
