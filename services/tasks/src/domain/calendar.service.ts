import { CALENDAR_FEED_MAX_TASKS } from '@taskflow/contracts/api';
import { notFound } from '@taskflow/service-kit/errors';
import type { Executor } from '../data/database';
import {
  findCalendarTasks,
  findFeed,
  findFeedByTokenHash,
  findUserName,
  insertFeed,
  saveFeed,
  type CalendarTaskRow,
} from '../data/calendar.repository';
import { feedToken, feedTokenHash, isFeedTokenShaped, newFeedNonce } from './calendar.token';

export interface CalendarDeps {
  db: Executor;
  /** The secret feed tokens are derived with (CALENDAR_SECRET_FILE); never stored in the database. */
  secret: Buffer;
  now: () => Date;
}

export interface CalendarFeedContent {
  /** The feed owner's name, for the calendar's title; null before their registration is projected. */
  ownerName: string | null;
  tasks: CalendarTaskRow[];
}

export type CalendarService = ReturnType<typeof createCalendarService>;

/** Each user's private iCalendar feed of the tasks assigned to them: its token and its content. */
export function createCalendarService({ db, secret, now }: CalendarDeps) {
  const newFeed = (userId: string) => {
    const nonce = newFeedNonce();
    return { userId, nonce, tokenHash: feedTokenHash(feedToken(secret, userId, nonce)) };
  };

  return {
    /** The caller's feed token, created on first use. */
    async feedToken(userId: string): Promise<string> {
      let feed = await findFeed(db, userId);
      if (!feed) {
        await insertFeed(db, newFeed(userId));
        feed = (await findFeed(db, userId))!;
      }
      const token = feedToken(secret, userId, feed.nonce);
      // After the secret was replaced the stored hash is the old token's: the feed follows the new one.
      if (feedTokenHash(token) !== feed.tokenHash) await saveFeed(db, { ...feed, tokenHash: feedTokenHash(token) });
      return token;
    },

    /** A new token for the caller's feed; the old address stops working at once. */
    async rotateFeedToken(userId: string): Promise<string> {
      const feed = newFeed(userId);
      await saveFeed(db, feed);
      return feedToken(secret, userId, feed.nonce);
    },

    /** The feed a token opens: 404 for any token that is not a current one. */
    async feedContent(token: string): Promise<CalendarFeedContent> {
      const feed = isFeedTokenShaped(token) ? await findFeedByTokenHash(db, feedTokenHash(token)) : undefined;
      if (!feed) throw notFound('Calendar feed');
      const [ownerName, tasks] = await Promise.all([
        findUserName(db, feed.userId),
        findCalendarTasks(db, feed.userId, now(), CALENDAR_FEED_MAX_TASKS),
      ]);
      return { ownerName: ownerName ?? null, tasks };
    },
  };
}
