import type { CookieOptions, Request, Response, Router } from 'express';
import { LoginBody, RegisterBody, UpdateMeBody } from '@taskflow/contracts/api';
import { authOf, requireAuth, type TokenVerifier } from '@taskflow/service-kit/auth';
import { AppError, ErrorCode } from '@taskflow/service-kit/errors';
import { createRouter, parse } from '@taskflow/service-kit/http';
import type { AuthService, Client, SignedIn } from '../domain/auth.service';
import type { SigningKey } from '../keys/signing-key';
import type { Throttle } from './rate-limits';

export const REFRESH_COOKIE = 'tf_refresh';

/** The caller: its browser, and its address as the trusted proxy (nginx) reports it. */
export const clientOf = (req: Request): Required<Client> => ({
  userAgent: req.get('user-agent') ?? '',
  address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
});
const COOKIE_PATH = '/api/auth';

export function authRoutes(deps: {
  auth: AuthService;
  verifier: TokenVerifier;
  /** The current signing key first, then the previous one (after a rotation). */
  publishedKeys: SigningKey[];
  secureCookies: boolean;
  throttle: Throttle;
}): Router {
  const { auth, verifier, throttle } = deps;
  const router = createRouter();
  const cookieOptions: CookieOptions = {
    httpOnly: true,
    secure: deps.secureCookies,
    sameSite: 'strict',
    path: COOKIE_PATH,
  };

  const sendSignedIn = (res: Response, status: number, session: SignedIn) => {
    res.cookie(REFRESH_COOKIE, session.refreshToken, { ...cookieOptions, expires: session.refreshExpiresAt });
    res.set('Cache-Control', 'no-store');
    res.status(status).json({ accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user });
  };
  const refreshCookie = (cookies: Record<string, unknown> | undefined) => {
    const value = cookies?.[REFRESH_COOKIE];
    return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
  };

  router.post('/api/auth/register', async (req, res) => {
    const body = parse(RegisterBody, req.body);
    const client = clientOf(req);
    await throttle.attempt('register', client.address, body.email);
    sendSignedIn(res, 201, await auth.register(body, client));
  });

  router.post('/api/auth/login', async (req, res) => {
    const body = parse(LoginBody, req.body);
    const client = clientOf(req);
    const attempt = await throttle.attempt('login', client.address, body.email);
    let signedIn: SignedIn;
    try {
      signedIn = await auth.login(body, client);
    } catch (err) {
      // Only a wrong password counts against the limits; a refused hash tested nothing.
      if (!(err instanceof AppError && err.code === ErrorCode.invalidCredentials)) await attempt.refund();
      throw err;
    }
    await attempt.refund();
    sendSignedIn(res, 200, signedIn);
  });

  router.post('/api/auth/refresh', async (req, res) => {
    const token = refreshCookie(req.cookies);
    try {
      sendSignedIn(res, 200, await auth.refresh(token ?? ''));
    } catch (err) {
      res.clearCookie(REFRESH_COOKIE, cookieOptions);
      throw err;
    }
  });

  router.post('/api/auth/logout', async (req, res) => {
    await auth.logout(refreshCookie(req.cookies));
    res.clearCookie(REFRESH_COOKIE, cookieOptions);
    res.status(204).end();
  });

  router.get('/api/auth/me', requireAuth(verifier), async (req, res) => {
    res.json({ user: await auth.me(authOf(req).userId) });
  });

  router.patch('/api/auth/me', requireAuth(verifier), async (req, res) => {
    const body = parse(UpdateMeBody, req.body);
    res.json({ user: await auth.updateMe(authOf(req).userId, body) });
  });

  router.get('/api/auth/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.json({ keys: deps.publishedKeys.map((key) => key.jwk) });
  });

  return router;
}
