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

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
  needsRehash(phc: string): boolean;
  /** Spends the same time as a real verify, so unknown emails cannot be told apart by timing. */
  verifyDummy(password: string): Promise<void>;
}

/**
 * Each hash takes 19 MiB, so at most `concurrency` run at once and at most `queueLimit` wait;
 * past that the work is refused as `overloaded` instead of exhausting memory under a login flood.
 */
export function createPasswordHasher({
  concurrency,
  queueLimit = concurrency * 50,
}: {
  concurrency: number;
  queueLimit?: number;
}): PasswordHasher {
  let active = 0;
  const waiting: (() => void)[] = [];

  const limited = async <T>(work: () => Promise<T>): Promise<T> => {
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
    hash: (password) => limited(() => hash(password, ARGON2_PARAMS)),
    verify: (phc, password) => limited(() => verify(phc, password).catch(() => false)),
    needsRehash(phc) {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
      if (!match) return true;
      const [, m, t, p] = match.map(Number);
      return m !== ARGON2_PARAMS.memoryCost || t !== ARGON2_PARAMS.timeCost || p !== ARGON2_PARAMS.parallelism;
    },
    async verifyDummy(password) {
      dummy ??= hash('dummy password for timing', ARGON2_PARAMS);
      await limited(async () => verify(await dummy!, password).catch(() => false));
    },
  };
}
