import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFeed, Task } from '@taskflow/contracts/api';
import { addMember, createProject, createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';

const APP_URL = 'http://localhost:8080'; // the default, which the harness keeps

let h: Harness;
let ann: TestUser;
let ben: TestUser;
let projectId: string;
let tasks: Record<'open' | 'done' | 'undated' | 'unassigned' | 'others', Task>;

beforeAll(async () => {
  h = await startHarness();
  [ann, ben] = await Promise.all([registerUser(h, { name: 'Ann' }), registerUser(h, { name: 'Ben' })]);
  projectId = (await createProject(h, ann, 'Roadmap')).id;
  await addMember(h, ann, projectId, ben);
  const task = (body: Record<string, unknown>) => createTask(h, ann, projectId, { assigneeId: ann.id, ...body });
  tasks = {
    open: await task({ title: 'Ship it', description: 'All of it.', dueAt: inDays(3), reminders: [1440, 60] }),
    done: await task({ title: 'Plan it', dueAt: inDays(-2), status: 'done' }),
    undated: await task({ title: 'Someday' }),
    unassigned: await task({ title: 'Nobody’s', dueAt: inDays(1), assigneeId: null }),
    others: await task({ title: 'Ben’s', dueAt: inDays(1), assigneeId: ben.id }),
  };
});
afterAll(async () => {
  await h?.close();
});

/** Whole seconds: iCalendar times have no milliseconds. */
function inDays(days: number) {
  return new Date(Math.floor((Date.now() + days * 86_400_000) / 1000) * 1000).toISOString();
}

async function feedUrl(user: TestUser, method: 'GET' | 'POST' = 'GET'): Promise<string> {
  const res = await h.request<CalendarFeed>(method, '/api/calendar/feed', { token: user.token });
  expect(res.status).toBe(200);
  return res.body.url;
}

/** Fetches a feed address from this instance (the address itself names the gateway). */
const fetchFeed = (url: string) => fetch(`${h.baseUrl}${new URL(url).pathname}`);

/** The feed parsed by ical.js, a parser independent of the generator. */
async function readFeed(url: string) {
  const res = await fetchFeed(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((event) => ({
    uid: event.getFirstPropertyValue('uid'),
    summary: event.getFirstPropertyValue('summary'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    url: event.getFirstPropertyValue('url'),
    description: String(event.getFirstPropertyValue('description')),
    alarms: event
      .getAllSubcomponents('valarm')
      .map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() / 60),
  }));
}

describe('calendar feed', () => {
  it('needs a signed-in user to hand out the address', async () => {
    const res = await h.request('GET', '/api/calendar/feed');
    expect(res.status).toBe(401);
  });

  it('creates a private address on first use and gives the same one after', async () => {
    const url = await feedUrl(ann);
    expect(url).toMatch(new RegExp(`^${APP_URL}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await feedUrl(ann)).toBe(url);
    expect(await feedUrl(ben)).not.toBe(url);
    // Stored hashed: the token itself is nowhere in the table.
    const token = url.slice(url.lastIndexOf('/') + 1, -'.ics'.length);
    const { rows } = await h.pool.query('SELECT * FROM calendar_feeds WHERE user_id = $1', [ann.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('is valid iCalendar with one event per assigned task with a due date, alarms from its reminders', async () => {
    const events = await readFeed(await feedUrl(ann));
    const link = (t: Task) => `${APP_URL}/projects/${projectId}/tasks/${t.id}`;
    expect(events).toEqual([
      {
        uid: `task-${tasks.done.id}@taskflow`,
        summary: 'Plan it',
        start: tasks.done.dueAt,
        url: link(tasks.done),
        description: expect.stringContaining('Project: Roadmap'),
        alarms: [], // done: nothing to be reminded of
      },
      {
        uid: `task-${tasks.open.id}@taskflow`,
        summary: 'Ship it',
        start: tasks.open.dueAt,
        url: link(tasks.open),
        description: `Project: Roadmap\n\nAll of it.\n\n${link(tasks.open)}`,
        alarms: [-1440, -60],
      },
    ]);
  });

  it('keeps each event’s UID when the task changes, so calendars update it in place', async () => {
    const url = await feedUrl(ann);
    const newDue = inDays(4);
    await h.request('PATCH', `/api/tasks/${tasks.open.id}`, {
      token: ann.token,
      body: { title: 'Ship it all', dueAt: newDue },
    });
    const event = (await readFeed(url)).find((e) => e.uid === `task-${tasks.open.id}@taskflow`);
    expect(event).toMatchObject({ summary: 'Ship it all', start: newDue });
  });

  it('rotates: the old address answers 404 from then on, the new one works', async () => {
    const old = await feedUrl(ben);
    const rotated = await feedUrl(ben, 'POST');
    expect(rotated).not.toBe(old);
    expect(await feedUrl(ben)).toBe(rotated);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await readFeed(rotated)).map((e) => e.summary)).toEqual(['Ben’s']);
  });

  it('answers 404 problem+json to any token that is not a current one', async () => {
    for (const token of ['nope', 'A'.repeat(43), '%00', 'x'.repeat(500)]) {
      const res = await fetch(`${h.baseUrl}/api/calendar/${token}.ics`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('lists at most the 1 000 tasks due nearest to now', async () => {
    // 1 005 more for Ben, due 1…1 005 days ahead: the five furthest are left out.
    await h.pool.query(
      `INSERT INTO tasks (project_id, title, position, created_by, assignee_id, due_at)
       SELECT $1, 'Far ' || g, 'f' || lpad(g::text, 5, '0'), $2, $2, now() + g * interval '1 day'
       FROM generate_series(1, 1005) g`,
      [projectId, ben.id],
    );
    const summaries = (await readFeed(await feedUrl(ben))).map((e) => e.summary);
    expect(summaries).toHaveLength(1000);
    expect(summaries).toContain('Ben’s');
    expect(summaries).toContain('Far 999');
    expect(summaries).not.toContain('Far 1000');
  });
});
