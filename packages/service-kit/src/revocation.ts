import type { Redis } from 'ioredis';
import { AppError, ErrorCode } from './errors';

/** Sessions auth has ended early (`session.revoked`): their access tokens are refused from then on. */
export interface RevokedSessions {
  /** Records that a session ended; kept as long as any of its access tokens could still be valid. */
  revoke(sessionId: string): Promise<void>;
  isRevoked(sessionId: string): Promise<boolean>;
}

/** Longer than any access token lives (auth allows at most an hour). */
export const REVOCATION_TTL_S = 3600;

/**
 * Ended sessions in Redis, shared by every instance of a service: each service consumes
 * `session.revoked` into it, and its token verifier asks it about every request. An answer "not
 * revoked" is trusted for `recheckMs` (a second) per session, so a busy board costs Redis one
 * lookup per session a second, and a revocation takes effect within that second plus the event's
 * trip through the broker. "Revoked" is remembered for good.
 */
export function createRevokedSessions(
  redis: Redis,
  opts: { recheckMs?: number; cacheSize?: number } = {},
): RevokedSessions {
  const recheckMs = opts.recheckMs ?? 1000;
  const cacheSize = opts.cacheSize ?? 20_000;
  const key = (sessionId: string) => `revoked-session:${sessionId}`;
  const revoked = new Map<string, number>();
  const checkedAt = new Map<string, number>();
  const remember = (map: Map<string, number>, sessionId: string, value: number) => {
    map.delete(sessionId);
    if (map.size >= cacheSize) map.delete(map.keys().next().value as string);
    map.set(sessionId, value);
  };

  return {
    async revoke(sessionId) {
      await redis.set(key(sessionId), '1', 'EX', REVOCATION_TTL_S);
      remember(revoked, sessionId, Date.now() + REVOCATION_TTL_S * 1000);
      checkedAt.delete(sessionId);
    },
    async isRevoked(sessionId) {
      const now = Date.now();
      const until = revoked.get(sessionId);
      if (until !== undefined && until > now) return true;
      const checked = checkedAt.get(sessionId);
      if (checked !== undefined && now - checked < recheckMs) return false;
      let found: number;
      try {
        found = await redis.exists(key(sessionId));
      } catch (err) {
        // Unknown is not "not revoked": the request waits for Redis rather than letting an ended session in.
        throw new AppError(ErrorCode.unavailable, 'Cannot check the session right now', { cause: err });
      }
      if (found === 1) {
        remember(revoked, sessionId, now + REVOCATION_TTL_S * 1000);
        checkedAt.delete(sessionId);
        return true;
      }
      remember(checkedAt, sessionId, now);
      return false;
    },
  };
}
