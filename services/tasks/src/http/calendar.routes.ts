import type { Router, RequestHandler } from 'express';
import type { CalendarFeed } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { createRouter } from '@taskflow/service-kit/http';
import type { CalendarService } from '../domain/calendar.service';
import { renderCalendar } from './calendar.ics';

/** The path a feed is served at; its token is the only credential. */
const FEED_PATH = '/api/calendar/:token.ics';

/**
 * The calendar feed: the signed-in user reads (GET, created on first use) or rotates (POST) their
 * private address; calendar apps fetch the address itself without signing in.
 */
export function calendarRoutes(calendar: CalendarService, requireAuth: RequestHandler, appUrl: string): Router {
  const router = createRouter();
  const base = appUrl.replace(/\/+$/, '');
  const feed = (token: string): CalendarFeed => ({ url: `${base}/api/calendar/${token}.ics` });

  router.get('/api/calendar/feed', requireAuth, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(feed(await calendar.feedToken(authOf(req).userId)));
  });

  router.post('/api/calendar/feed', requireAuth, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(feed(await calendar.rotateFeedToken(authOf(req).userId)));
  });

  router.get(FEED_PATH, async (req, res) => {
    // The token is a secret: the access log records the route, not the address.
    req.originalUrl = FEED_PATH;
    const content = await calendar.feedContent(String(req.params.token));
    res
      .set({
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'inline; filename="taskflow.ics"',
        'Cache-Control': 'private, max-age=300',
        'Referrer-Policy': 'no-referrer',
      })
      .send(renderCalendar(content, base));
  });

  return router;
}
