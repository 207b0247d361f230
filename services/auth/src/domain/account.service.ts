import { createHash, randomBytes } from 'node:crypto';
import { PASSWORD_RESET_TTL_MINUTES, type Session } from '@taskflow/contracts/api';
import type { SessionRevokedReason } from '@taskflow/contracts/events';
import { AppError, ErrorCode, invalidField, notFound } from '@taskflow/service-kit/errors';
import type { Emit, WithTransaction } from '@taskflow/service-kit/outbox';
import { consumeResetToken, createResetToken } from '../data/password-reset.repository';
import { findSession, listOpenSessions, revokeSession, revokeUserSessions } from '../data/session.repository';
import { findUserByEmail, findUserById, updateUser, type AuthDb, type DbOrTx } from '../data/user.repository';
import type { Client } from './auth.service';
import { describeDevice } from './device.rules';
import type { PasswordHasher } from './password-hasher';
import { assertPasswordNotCommon } from './password-policy';

export interface AccountServiceDeps {
  db: AuthDb;
  withTransaction: WithTransaction<DbOrTx>;
  hasher: PasswordHasher;
  /** Where the SPA runs: reset links point at `<appUrl>/reset-password?token=…`. */
  appUrl: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Tells every service that these sessions ended, so their access tokens stop working at once. */
export function announceRevoked(emit: Emit, userId: string, sessionIds: string[], reason: SessionRevokedReason) {
  for (const sessionId of sessionIds) emit('session.revoked', { userId, sessionId, reason }, userId);
}

/** What a signed-in person does to their own account: password, sessions; and the reset by email. */
export function createAccountService(deps: AccountServiceDeps) {
  const { db, withTransaction, hasher } = deps;
  const appUrl = deps.appUrl.replace(/\/+$/, '');

  return {
    /** Checks the current password, sets the new one and ends every other session. */
    async changePassword(
      caller: { userId: string; sessionId: string },
      input: { currentPassword: string; newPassword: string },
      client: Client,
    ): Promise<void> {
      const user = await findUserById(db, caller.userId);
      if (!user) throw new AppError(ErrorCode.unauthenticated, 'This account no longer exists');
      if (!(await hasher.verify(user.passwordHash, input.currentPassword, client.address))) {
        throw invalidField('currentPassword', 'is not your current password');
      }
      assertPasswordNotCommon(input.newPassword, 'newPassword');
      const passwordHash = await hasher.hash(input.newPassword, client.address);
      await withTransaction(async ({ db: tx, emit }) => {
        await updateUser(tx, user.id, { passwordHash });
        announceRevoked(emit, user.id, await revokeUserSessions(tx, user.id, caller.sessionId), 'password_changed');
      });
    },

    /**
     * Emails a one-time link when the address has an account; says nothing either way (the caller
     * answers 202 always), so the endpoint does not reveal who has an account.
     */
    async requestPasswordReset(email: string): Promise<void> {
      const user = await findUserByEmail(db, email);
      if (!user) return;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000);
      await withTransaction(async ({ db: tx, emit }) => {
        await createResetToken(tx, { tokenHash: sha256(token), userId: user.id, expiresAt });
        emit(
          'user.password_reset_requested',
          {
            userId: user.id,
            email: user.email,
            name: user.name,
            resetUrl: `${appUrl}/reset-password?token=${token}`,
            expiresAt: expiresAt.toISOString(),
          },
          null,
        );
      });
    },

    /** Sets a new password with a reset token (once, within its lifetime) and ends every session. */
    async confirmPasswordReset(input: { token: string; newPassword: string }, client: Client): Promise<void> {
      assertPasswordNotCommon(input.newPassword, 'newPassword');
      const passwordHash = await hasher.hash(input.newPassword, client.address);
      await withTransaction(async ({ db: tx, emit }) => {
        const userId = await consumeResetToken(tx, sha256(input.token));
        if (!userId) throw invalidField('token', 'is not a valid reset link, or it has expired or been used');
        await updateUser(tx, userId, { passwordHash });
        announceRevoked(emit, userId, await revokeUserSessions(tx, userId), 'password_reset');
      });
    },

    async listSessions(caller: { userId: string; sessionId: string }): Promise<Session[]> {
      return (await listOpenSessions(db, caller.userId)).map((row) => ({
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        lastUsedAt: row.lastUsedAt.toISOString(),
        userAgent: row.userAgent,
        device: describeDevice(row.userAgent),
        current: row.id === caller.sessionId,
      }));
    },

    /** Ends one of the caller's sessions (this one included); someone else's is 404, as if absent. */
    async revokeSession(caller: { userId: string }, sessionId: string): Promise<void> {
      await withTransaction(async ({ db: tx, emit }) => {
        const session = await findSession(tx, sessionId);
        if (!session || session.userId !== caller.userId || session.revokedAt) throw notFound('Session');
        if (await revokeSession(tx, sessionId)) announceRevoked(emit, caller.userId, [sessionId], 'revoked');
      });
    },

    /** Whether a session was ended (or never existed): its access tokens are refused at once. */
    async isSessionEnded(sessionId: string): Promise<boolean> {
      const session = await findSession(db, sessionId);
      return !session || session.revokedAt !== null;
    },

    /** "Sign out everywhere else": ends every session of the caller but the one asking. */
    async revokeOtherSessions(caller: { userId: string; sessionId: string }): Promise<void> {
      await withTransaction(async ({ db: tx, emit }) => {
        announceRevoked(emit, caller.userId, await revokeUserSessions(tx, caller.userId, caller.sessionId), 'revoked');
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
