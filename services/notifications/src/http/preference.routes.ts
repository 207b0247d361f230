import type { Router, RequestHandler } from 'express';
import { NotificationPreferences } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { createRouter, parse } from '@taskflow/service-kit/http';
import type { PreferenceService } from '../domain/preference.service';

/** /api/notifications/preferences: which notifications the caller wants, in the bell and by email. */
export function preferenceRoutes(deps: { preferences: PreferenceService; requireAuth: RequestHandler }): Router {
  const router = createRouter();
  const { preferences, requireAuth } = deps;

  router.get('/api/notifications/preferences', requireAuth, async (req, res) => {
    res.json(await preferences.get(authOf(req).userId));
  });

  router.put('/api/notifications/preferences', requireAuth, async (req, res) => {
    const { userId } = authOf(req);
    const value = parse(NotificationPreferences, req.body);
    res.json(await preferences.replace(userId, value));
  });

  return router;
}
