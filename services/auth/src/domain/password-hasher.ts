import { hash, verify, type Options } from '@node-rs/argon2';
import { AppError, ErrorCode } from '@taskflow/service-kit/errors';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
// 2 = Argon2id (the package exports the enum as an ambient const enum, unusable with isolatedModules).
export const ARGON2_PARAMS = {
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

/**
 * `client` names who asks (their address): one client may have only so many hashes running or
 * waiting at once, so a flood from one address fills its own share of the line, not everyone's.
 */
export interface PasswordHasher {
  hash(password: string, client?: string): Promise<string>;
  verify(phc: string, password: string, client?: string): Promise<boolean>;
  needsRehash(phc: string): boolean;
  /** Spends the same time as a real verify, so unknown emails cannot be told apart by timing. */
  verifyDummy(password: string, client?: string): Promise<void>;
}

/**
 * Each hash takes 19 MiB, so at most `concurrency` run at once and at most `queueLimit` wait;
 * past that the work is refused as `overloaded` instead of exhausting memory under a login flood.
 * One client holds at most `perClient` of those places (running or waiting); past that its own
 * requests are refused as `rate_limited` while everyone else's still wait their turn.
 */
export function createPasswordHasher({
  concurrency,
  queueLimit = concurrency * 50,
  perClient = concurrency,
}: {
  concurrency: number;
  queueLimit?: number;
  perClient?: number;
}): PasswordHasher {
  let active = 0;
  const waiting: (() => void)[] = [];
  const heldBy = new Map<string, number>();

  const limited = async <T>(work: () => Promise<T>, client?: string): Promise<T> => {
    if (client === undefined) return queued(work);
    const held = heldBy.get(client) ?? 0;
    if (held >= perClient) {
      throw new AppError(ErrorCode.rateLimited, 'Too many sign-ins from this address at once, try again in a moment');
    }
    heldBy.set(client, held + 1);
    try {
      return await queued(work);
    } finally {
      const left = heldBy.get(client)! - 1;
      if (left === 0) heldBy.delete(client);
      else heldBy.set(client, left);
    }
  };

  const queued = async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) {
      if (waiting.length >= queueLimit) {
        throw new AppError(ErrorCode.overloaded, 'Too many sign-ins at once, try again in a moment');
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      active++;
    }
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };

  let dummy: Promise<string> | undefined;

  return {
    hash: (password, client) => limited(() => hash(password, ARGON2_PARAMS), client),
    verify: (phc, password, client) => limited(() => verify(phc, password).catch(() => false), client),
    needsRehash(phc) {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
      if (!match) return true;
      const [, m, t, p] = match.map(Number);
      return m !== ARGON2_PARAMS.memoryCost || t !== ARGON2_PARAMS.timeCost || p !== ARGON2_PARAMS.parallelism;
    },
    async verifyDummy(password, client) {
      dummy ??= hash('dummy password for timing', ARGON2_PARAMS);
      await limited(async () => verify(await dummy!, password).catch(() => false), client);
    },
  };
}
