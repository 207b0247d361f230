import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { ChangePasswordBody, PasswordResetBody, PasswordResetConfirmBody, uuid } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { AppError } from '@taskflow/service-kit/errors';
import { createRouter, parse } from '@taskflow/service-kit/http';
import type { AccountService } from '../domain/account.service';
import { clientOf } from './auth.routes';
import type { Throttle } from './rate-limits';

const SessionParams = z.object({ id: uuid });

/** Password change and reset, and the caller's sessions. */
export function accountRoutes(deps: {
  account: AccountService;
  requireAuth: RequestHandler;
  throttle: Throttle;
}): Router {
  const { account, requireAuth, throttle } = deps;
  const router = createRouter();
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };

  router.post('/api/auth/password', requireAuth, async (req, res) => {
    const body = parse(ChangePasswordBody, req.body);
    const caller = authOf(req);
    const client = clientOf(req);
    // Someone holding a stolen access token must not get unlimited guesses at the current password.
    const attempt = await throttle.attempt('passwordChange', client.address, caller.userId);
    try {
      await account.changePassword(caller, body, client);
    } catch (err) {
      const wrongPassword = err instanceof AppError && err.details?.some((detail) => detail.path === 'currentPassword');
      if (!wrongPassword) await attempt.refund();
      throw err;
    }
    await attempt.refund();
    res.status(204).end();
  });

  router.post('/api/auth/password-reset', async (req, res) => {
    const { email } = parse(PasswordResetBody, req.body);
    await throttle.attempt('passwordReset', clientOf(req).address, email);
    await account.requestPasswordReset(email);
    res.status(202).end();
  });

  router.post('/api/auth/password-reset/confirm', async (req, res) => {
    const body = parse(PasswordResetConfirmBody, req.body);
    const client = clientOf(req);
    await throttle.attempt('passwordResetConfirm', client.address);
    await account.confirmPasswordReset(body, client);
    res.status(204).end();
  });

  router.get('/api/auth/sessions', requireAuth, noStore, async (req, res) => {
    res.json({ items: await account.listSessions(authOf(req)) });
  });

  // "Sign out everywhere else": every session of the caller but the one asking.
  router.delete('/api/auth/sessions', requireAuth, async (req, res) => {
    await account.revokeOtherSessions(authOf(req));
    res.status(204).end();
  });

  router.delete('/api/auth/sessions/:id', requireAuth, async (req, res) => {
    const { id } = parse(SessionParams, req.params);
    await account.revokeSession(authOf(req), id);
    res.status(204).end();
  });

  return router;
}
