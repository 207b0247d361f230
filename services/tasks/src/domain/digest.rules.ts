import { DateTime, IANAZone } from 'luxon';

/**
 * Pure rules of the daily overdue digest. All calendar arithmetic is Luxon's (IANA time-zone
 * data), never an offset computed here: a local day can have 23 or 25 hours, and a zone's offset
 * can be a quarter-hour (Pacific/Chatham) or change on a date no rule of thumb knows.
 */

/** The local hour the digest goes out at. */
export const DIGEST_LOCAL_HOUR = 9;

export interface PlannedDigest {
  /** The user's local calendar day the digest is for, YYYY-MM-DD. */
  localDate: string;
  /** The instant that day reaches DIGEST_LOCAL_HOUR:00 in `timezone`. */
  fireAt: Date;
  /** The zone it was planned in (UTC when the stored one is not a zone Luxon knows). */
  timezone: string;
}

/** The zone to plan in: the user's, or UTC for a name the time-zone data does not know. */
export const digestZone = (timezone: string): string => (IANAZone.isValidZone(timezone) ? timezone : 'UTC');

/**
 * The next digest of a user in `timezone`: the first local day whose DIGEST_LOCAL_HOUR:00 is still
 * ahead of `now` — today's if it is not yet 09:00 there, else tomorrow's — and that comes after
 * `after` (the last local date a digest went out for), so a change of time zone can never bring
 * a second digest for a day that already had one.
 */
export function nextDigest(opts: { timezone: string; now: Date; after?: string | null }): PlannedDigest {
  const timezone = digestZone(opts.timezone);
  const now = DateTime.fromJSDate(opts.now, { zone: timezone });
  // Noon is never inside a DST gap or overlap, so stepping day by day from it stays on local days.
  let day = now.set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  for (;;) {
    const localDate = day.toISODate()!;
    // On the rare day 09:00 falls in a DST gap, Luxon moves it forward by the gap, as clocks do.
    const fireAt = day.set({ hour: DIGEST_LOCAL_HOUR });
    if (fireAt.toMillis() > opts.now.getTime() && (!opts.after || localDate > opts.after)) {
      return { localDate, fireAt: fireAt.toJSDate(), timezone };
    }
    day = day.plus({ days: 1 });
  }
}
