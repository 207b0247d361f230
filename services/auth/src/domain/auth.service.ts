import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { User } from '@taskflow/contracts/api';
import { AppError, ErrorCode } from '@taskflow/service-kit/errors';
import type { WithTransaction } from '@taskflow/service-kit/outbox';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  updateUser,
  type AuthDb,
  type DbOrTx,
  type UserRow,
} from '../data/user.repository';
import { createSession, findTokenForUpdate, revokeSession, rotateToken } from '../data/session.repository';
import { announceRevoked } from './account.service';
import type { PasswordHasher } from './password-hasher';
import { assertPasswordNotCommon } from './password-policy';

/** Signs access tokens; the keys module implements it (JWTs), so the domain holds no key or JWT code. */
export interface AccessTokenIssuer {
  issue(userId: string, sessionId: string): { accessToken: string; expiresIn: number };
}

export interface AuthServiceDeps {
  db: AuthDb;
  withTransaction: WithTransaction<DbOrTx>;
  hasher: PasswordHasher;
  tokens: AccessTokenIssuer;
  refreshTtlDays: number;
  /** A refresh presented again within this window is a race between two tabs, not theft. */
  rotationGraceMs?: number;
}

/** Who is asking: the browser (kept with the session) and the address (its share of the hashing line). */
export interface Client {
  userAgent: string;
  address?: string;
}

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  user: User;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const invalidCredentials = () => new AppError(ErrorCode.invalidCredentials, 'Email or password is incorrect');
const noSession = () => new AppError(ErrorCode.unauthenticated, 'Your session has ended; please sign in again');

const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  timezone: row.timezone,
  createdAt: row.createdAt.toISOString(),
});

export function createAuthService(deps: AuthServiceDeps) {
  const { db, withTransaction, hasher, tokens } = deps;
  const rotationGraceMs = deps.rotationGraceMs ?? 20_000;

  async function startSession(tx: DbOrTx, user: UserRow, { userAgent }: Client): Promise<SignedIn> {
    const refreshToken = randomBytes(32).toString('base64url');
    const sessionId = randomUUID();
    const refreshExpiresAt = new Date(Date.now() + deps.refreshTtlDays * 86_400_000);
    await createSession(
      tx,
      { id: sessionId, userId: user.id, userAgent: userAgent.slice(0, 300), expiresAt: refreshExpiresAt },
      hashRefreshToken(refreshToken),
    );
    return { ...tokens.issue(user.id, sessionId), user: toUser(user), refreshToken, refreshExpiresAt };
  }

  return {
    async register(
      input: { email: string; password: string; name: string; timezone?: string },
      client: Client,
    ): Promise<SignedIn> {
      if (await findUserByEmail(db, input.email)) throw emailTaken();
      assertPasswordNotCommon(input.password, 'password');
      const passwordHash = await hasher.hash(input.password, client.address);
      return withTransaction(async ({ db: tx, emit }) => {
        const user = await insertUser(tx, {
          id: randomUUID(),
          email: input.email,
          name: input.name,
          timezone: input.timezone ?? 'UTC',
          passwordHash,
        });
        if (!user) throw emailTaken();
        emit(
          'user.registered',
          { userId: user.id, email: user.email, name: user.name, timezone: user.timezone },
          user.id,
        );
        return startSession(tx, user, client);
      });
    },

    async login(input: { email: string; password: string }, client: Client): Promise<SignedIn> {
      const user = await findUserByEmail(db, input.email);
      if (!user) {
        await hasher.verifyDummy(input.password, client.address);
        throw invalidCredentials();
      }
      if (!(await hasher.verify(user.passwordHash, input.password, client.address))) throw invalidCredentials();
      if (hasher.needsRehash(user.passwordHash)) {
        await updateUser(db, user.id, { passwordHash: await hasher.hash(input.password, client.address) });
      }
      return withTransaction(({ db: tx }) => startSession(tx, user, client));
    },

    /**
     * Rotates the refresh token. A token that was already rotated means it leaked (or two tabs
     * raced): outside a short grace window the whole session is revoked.
     */
    async refresh(refreshToken: string): Promise<SignedIn> {
      const presented = hashRefreshToken(refreshToken);
      const outcome = await withTransaction(async ({ db: tx, emit }) => {
        const found = await findTokenForUpdate(tx, presented);
        if (!found) return { error: noSession() };
        const { token, session } = found;
        if (session.revokedAt || session.expiresAt.getTime() <= Date.now()) return { error: noSession() };
        if (token.rotatedAt) {
          if (Date.now() - token.rotatedAt.getTime() > rotationGraceMs && (await revokeSession(tx, session.id))) {
            announceRevoked(emit, session.userId, [session.id], 'reuse_detected');
          }
          return { error: noSession() };
        }
        const user = await findUserById(tx, session.userId);
        if (!user) return { error: noSession() };
        const next = randomBytes(32).toString('base64url');
        await rotateToken(tx, presented, hashRefreshToken(next), session.id);
        return {
          signedIn: {
            ...tokens.issue(user.id, session.id),
            user: toUser(user),
            refreshToken: next,
            refreshExpiresAt: session.expiresAt,
          },
        };
      });
      // Thrown after commit so a detected reuse stays revoked.
      if (outcome.error) throw outcome.error;
      return outcome.signedIn!;
    },

    async logout(refreshToken: string | undefined): Promise<void> {
      if (!refreshToken) return;
      await withTransaction(async ({ db: tx, emit }) => {
        const found = await findTokenForUpdate(tx, hashRefreshToken(refreshToken));
        if (found && (await revokeSession(tx, found.session.id))) {
          announceRevoked(emit, found.session.userId, [found.session.id], 'logout');
        }
      });
    },

    async me(userId: string): Promise<User> {
      const user = await findUserById(db, userId);
      if (!user) throw new AppError(ErrorCode.unauthenticated, 'This account no longer exists');
      return toUser(user);
    },

    async updateMe(userId: string, patch: { name?: string; timezone?: string }): Promise<User> {
      return withTransaction(async ({ db: tx, emit }) => {
        const user = await updateUser(tx, userId, patch);
        if (!user) throw new AppError(ErrorCode.unauthenticated, 'This account no longer exists');
        emit('user.updated', { userId: user.id, email: user.email, name: user.name, timezone: user.timezone }, user.id);
        return toUser(user);
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

const emailTaken = () =>
  new AppError(ErrorCode.emailTaken, 'An account with this email already exists', {
    details: [{ path: 'email', message: 'is already registered' }],
  });
