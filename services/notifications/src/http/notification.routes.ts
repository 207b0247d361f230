import type { Router, RequestHandler } from 'express';
import { z } from 'zod';
import { NotificationListQuery } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { createRouter, parse } from '@taskflow/service-kit/http';
import { isNotificationId, type NotificationService } from '../domain/notification.service';

/** The contract's query, with a cursor that must be a notification id (anything else cannot be one). */
export const ListNotificationsQuery = NotificationListQuery.extend({
  cursor: z.string().refine(isNotificationId, { message: 'must be the nextCursor of a previous page' }).optional(),
});

/** /api/notifications: the caller's bell. Every route needs a valid access token. */
export function notificationRoutes(deps: { notifications: NotificationService; requireAuth: RequestHandler }): Router {
  const router = createRouter();
  const { notifications, requireAuth } = deps;

  router.get('/api/notifications', requireAuth, async (req, res) => {
    const { userId } = authOf(req);
    const { limit, cursor, unread } = parse(ListNotificationsQuery, req.query);
    res.json(await notifications.list(userId, limit, cursor, unread === true));
  });

  router.get('/api/notifications/unread-count', requireAuth, async (req, res) => {
    const { userId } = authOf(req);
    res.json({ count: await notifications.unreadCount(userId) });
  });

  router.post('/api/notifications/read-all', requireAuth, async (req, res) => {
    const { userId } = authOf(req);
    await notifications.markAllRead(userId);
    res.status(204).end();
  });

  router.post('/api/notifications/:id/read', requireAuth, async (req, res) => {
    const { userId } = authOf(req);
    await notifications.markRead(userId, String(req.params.id));
    res.status(204).end();
  });

  return router;
}
