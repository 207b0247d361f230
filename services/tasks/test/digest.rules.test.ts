import { describe, expect, it } from 'vitest';
import { nextDigest } from '../src/domain/digest.rules';

/**
 * The digest's planning, checked against the platform's own time-zone data (Intl), not against the
 * library the rules use: one 09:00 local per local day, across 23- and 25-hour days and odd offsets.
 */

const HOUR = 3_600_000;

const formats = new Map<string, Intl.DateTimeFormat>();
const formatIn = (timeZone: string) => {
  const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
  if (!formats.has(timeZone))
    formats.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', ...options }));
  return formats.get(timeZone)!;
};

/** The local date and time of an instant in a zone, as Intl (ICU) sees it. */
function local(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Digests planned one after another, each as the previous one fires: what a user receives over `days`. */
function chain(timezone: string, startIso: string, days: number) {
  let now = new Date(startIso);
  let after: string | null = null;
  const planned = [];
  for (let i = 0; i < days; i++) {
    const next = nextDigest({ timezone, now, after });
    planned.push(next);
    now = next.fireAt;
    after = next.localDate;
  }
  return planned;
}

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);

/** One digest per local day, none skipped or repeated, each at 09:00 local, in the zone asked for. */
function expectOnePerDayAtNine(timezone: string, startIso: string, days: number) {
  const planned = chain(timezone, startIso, days);
  planned.forEach((p, i) => {
    expect(p.timezone).toBe(timezone);
    expect(local(p.fireAt, timezone)).toEqual({ date: p.localDate, time: '09:00' });
    if (i > 0) expect(p.localDate).toBe(dayAfter(planned[i - 1]!.localDate));
  });
  // Whatever the time the plan is made at (every 37 minutes: all minutes of the hour come up), it
  // is the next 09:00 local, never more than a day ahead.
  for (let t = Date.parse(startIso); t < Date.parse(startIso) + days * 24 * HOUR; t += 37 * 60_000) {
    const next = nextDigest({ timezone, now: new Date(t) });
    expect(next.fireAt.getTime()).toBeGreaterThan(t);
    expect(next.fireAt.getTime() - t).toBeLessThanOrEqual(25 * HOUR);
    expect(local(next.fireAt, timezone)).toEqual({ date: next.localDate, time: '09:00' });
  }
  return planned.map((p) => [p.localDate, p.fireAt.toISOString()]);
}

describe('nextDigest', () => {
  // Clocks in New York go forward at 02:00 on 2030-03-10 and back at 02:00 on 2030-11-03.
  it.each([
    {
      change: 'the March change (a 23-hour day): 09:00 EST, then 09:00 EDT',
      start: '2030-03-08T12:00:00Z',
      expected: [
        ['2030-03-08', '2030-03-08T14:00:00.000Z'],
        ['2030-03-09', '2030-03-09T14:00:00.000Z'],
        ['2030-03-10', '2030-03-10T13:00:00.000Z'],
        ['2030-03-11', '2030-03-11T13:00:00.000Z'],
      ],
    },
    {
      change: 'the November change (a 25-hour day): 09:00 EDT, then 09:00 EST',
      start: '2030-11-01T12:00:00Z',
      expected: [
        ['2030-11-01', '2030-11-01T13:00:00.000Z'],
        ['2030-11-02', '2030-11-02T13:00:00.000Z'],
        ['2030-11-03', '2030-11-03T14:00:00.000Z'],
        ['2030-11-04', '2030-11-04T14:00:00.000Z'],
      ],
    },
  ])('America/New_York across $change', ({ start, expected }) => {
    expect(expectOnePerDayAtNine('America/New_York', start, 5).slice(0, 4)).toEqual(expected);
  });

  it('Asia/Kolkata (UTC+5:30, no DST): 03:30 UTC every day', () => {
    const planned = expectOnePerDayAtNine('Asia/Kolkata', '2030-03-08T00:00:00Z', 4);
    expect(planned.map(([, at]) => at!.slice(11))).toEqual(Array(4).fill('03:30:00.000Z'));
    expect(planned[0]![0]).toBe('2030-03-08');
  });

  it('Pacific/Chatham (UTC+12:45 / +13:45) across both of its changes', () => {
    // DST begins at 02:45 on the last Sunday of September and ends at 03:45 on the first Sunday of April.
    const september = expectOnePerDayAtNine('Pacific/Chatham', '2030-09-27T12:00:00Z', 4);
    expect(september.slice(0, 3)).toEqual([
      ['2030-09-28', '2030-09-27T20:15:00.000Z'],
      ['2030-09-29', '2030-09-28T19:15:00.000Z'],
      ['2030-09-30', '2030-09-29T19:15:00.000Z'],
    ]);
    const april = expectOnePerDayAtNine('Pacific/Chatham', '2030-04-05T12:00:00Z', 4);
    expect(april.slice(0, 3)).toEqual([
      ['2030-04-06', '2030-04-05T19:15:00.000Z'],
      ['2030-04-07', '2030-04-06T20:15:00.000Z'],
      ['2030-04-08', '2030-04-07T20:15:00.000Z'],
    ]);
  });

  it('plans today’s before 09:00 local and tomorrow’s after it (a user registering at 10:00)', () => {
    const timezone = 'Europe/Berlin';
    expect(nextDigest({ timezone, now: new Date('2030-06-10T06:59:59Z') }).localDate).toBe('2030-06-10');
    expect(nextDigest({ timezone, now: new Date('2030-06-10T07:00:00Z') }).localDate).toBe('2030-06-11');
    expect(nextDigest({ timezone, now: new Date('2030-06-10T08:00:00Z') })).toEqual({
      localDate: '2030-06-11',
      fireAt: new Date('2030-06-11T07:00:00Z'),
      timezone,
    });
  });

  it('never plans a local date that already had its digest, even after a change of time zone', () => {
    // Sent for 2030-06-11 in Tokyo (09:00 JST = 00:00 UTC); an hour later the user moves to
    // Los Angeles, where it is still 2030-06-10: the next one is LA's 2030-06-12 09:00.
    const now = new Date('2030-06-11T01:00:00Z');
    expect(nextDigest({ timezone: 'America/Los_Angeles', now, after: '2030-06-11' })).toEqual({
      localDate: '2030-06-12',
      fireAt: new Date('2030-06-12T16:00:00Z'),
      timezone: 'America/Los_Angeles',
    });
    expect(nextDigest({ timezone: 'America/Los_Angeles', now }).localDate).toBe('2030-06-11');
  });

  it('plans in UTC for a zone name the time-zone data does not know', () => {
    expect(nextDigest({ timezone: 'Mars/Olympus_Mons', now: new Date('2030-06-10T10:00:00Z') })).toEqual({
      localDate: '2030-06-11',
      fireAt: new Date('2030-06-11T09:00:00Z'),
      timezone: 'UTC',
    });
  });
});
