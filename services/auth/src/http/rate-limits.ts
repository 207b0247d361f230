import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '@taskflow/service-kit/errors';
import type { Redis } from '@taskflow/service-kit/redis';

/** What a client can try to guess or flood: each has its own counters. */
export type ThrottledAction = 'login' | 'register' | 'passwordChange' | 'passwordReset' | 'passwordResetConfirm';

export interface Attempt {
  /** Gives the attempt back: a successful sign-in costs the account and the address nothing. */
  refund(): Promise<void>;
}

export interface Throttle {
  /**
   * Counts one attempt from `address` on `account` (an email or user id; omitted where there is
   * none). Throws 429 with `Retry-After` when either is over its limit for the minute.
   */
  attempt(action: ThrottledAction, address: string, account?: string): Promise<Attempt>;
}

const WINDOW_S = 60;
const ACTIONS: ThrottledAction[] = ['login', 'register', 'passwordChange', 'passwordReset', 'passwordResetConfirm'];

// Account names (emails) are not kept in Redis as they are: a one-way digest is a key just as well.
const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

/**
 * Fixed one-minute windows per (action, address) and (action, account), counted in Redis so every
 * auth instance shares them (a client cannot spread its guesses over instances). The counting is
 * atomic in Redis, so concurrent attempts cannot slip past the limit between a check and a count.
 * If Redis fails, each instance falls back to counting in its own memory rather than refusing all
 * sign-ins or letting all through.
 */
export function createThrottle(redis: Redis, limits: { perAccount: number; perAddress: number }): Throttle {
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `rl:${keyPrefix}`,
      points,
      duration: WINDOW_S,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `rl:${keyPrefix}`, points, duration: WINDOW_S }),
    });
  const limiters = new Map(
    ACTIONS.map((action) => [
      action,
      { address: limiter(`${action}:ip`, limits.perAddress), account: limiter(`${action}:account`, limits.perAccount) },
    ]),
  );

  const consume = async (limiter: RateLimiterRedis, key: string) => {
    try {
      await limiter.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new AppError(ErrorCode.rateLimited, `Too many attempts; try again in ${retryAfter} seconds`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  };

  return {
    async attempt(action, address, account) {
      const { address: byAddress, account: byAccount } = limiters.get(action)!;
      const accountKey = account === undefined ? undefined : digest(account);
      await consume(byAddress, address);
      if (accountKey !== undefined) await consume(byAccount, accountKey);
      return {
        async refund() {
          await Promise.all([
            byAddress.reward(address),
            accountKey === undefined ? undefined : byAccount.reward(accountKey),
          ]).catch(() => undefined);
        },
      };
    },
  };
}
