import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@taskflow/contracts/api';
import type { EventData } from '@taskflow/contracts/events';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { aTask, anOverdueTask, overdueDigest, taskAssigned } from './factories';
import { createHarness, type Harness } from './harness';

// Long enough that a batch opened before a digest is still waiting when the digest goes.
const BATCH_MS = 2000;
// 09:00 in New York on Tuesday 3 March 2026, when the producer makes that day's digest.
const DIGEST_AT = '2026-03-03T14:00:00.000Z';
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { EMAIL_BATCH_MS: String(BATCH_MS) } });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

/** Publishes a digest as the tasks service makes it, at DIGEST_AT. */
async function publishDigest(data: EventData<'user.overdue_digest_due'>) {
  const event = { ...buildEvent('tasks', 'user.overdue_digest_due', data, null), occurredAt: DIGEST_AT };
  await h.republish(event);
  return event;
}

const taskUrl = (task: { projectId: string; id: string }) =>
  `http://app.test/projects/${task.projectId}/tasks/${task.id}`;

describe('user.overdue_digest_due', () => {
  it('emails one digest: the tasks grouped by project, linked, due times in the user’s time zone', async () => {
    const nina = await h.registered('Nina', 'America/New_York');
    const launch = { projectId: crypto.randomUUID(), projectName: 'Launch' };
    const ops = { projectId: crypto.randomUUID(), projectName: 'Ops & <i>infra</i>' };
    const tasks = [
      anOverdueTask({ ...launch, title: 'Write <b>copy</b> & more', dueAt: '2026-03-01T17:00:00.000Z' }),
      anOverdueTask({ ...ops, title: 'Renew certs', dueAt: '2026-03-02T13:30:00.000Z' }),
      anOverdueTask({ ...launch, title: 'Book venue', dueAt: '2026-03-03T12:00:00.000Z' }),
    ];
    await publishDigest(overdueDigest(nina.id, tasks, { timezone: 'America/New_York' }));

    const [email] = await h.smtp.waitFor(nina.email);
    expect(email!.mail.subject).toBe('3 overdue tasks — Tue 3 March');
    expect(email!.mail.messageId).toMatch(/^<n\.\d{13}-[0-9a-f]{12}@taskflow\.local>$/);
    for (const part of [email!.html, email!.text]) {
      for (const task of tasks) expect(part).toContain(taskUrl(task));
      expect(part).toContain(`http://app.test/projects/${launch.projectId}`);
      expect(part).toContain('http://app.test/settings/notifications');
      expect(part).toContain('Nina');
    }
    // Each task under its project, projects in the order of their most overdue task.
    const order = ['Launch', 'Write <b>copy</b> & more', 'Book venue', 'Ops & <i>infra</i>', 'Renew certs'];
    const positions = order.map((text) => email!.text.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Due times in New York (UTC−5 in March), and how long overdue at 09:00 there.
    expect(email!.text).toContain('Due Sun, 1 Mar 2026, 12:00 GMT-5 · 1 day overdue');
    expect(email!.text).toContain('Due Mon, 2 Mar 2026, 08:30 GMT-5 · 1 day overdue');
    expect(email!.text).toContain('Due Tue, 3 Mar 2026, 07:00 GMT-5 · 2 hours overdue');
    // User text is text: escaped in the HTML.
    expect(email!.html).toContain('Write &lt;b&gt;copy&lt;/b&gt; &amp; more');
    expect(email!.html).toContain('Ops &amp; &lt;i&gt;infra&lt;/i&gt;');
    expect(email!.html).not.toMatch(/<b>copy|<i>infra/);

    expect(await h.finalEmails(nina)).toHaveLength(1);
    // An email, never a bell notification: the bell holds the sentinel reminder only.
    const { items } = (await (await h.api(nina.id, '/api/notifications')).json()) as { items: { type: string }[] };
    expect(items.map((n) => n.type)).toEqual(['task.reminder_due']);
  });

  it('sends one email per user and local date, whatever is redelivered or republished', async () => {
    const omar = await h.registered();
    const data = overdueDigest(omar.id, [anOverdueTask({ title: 'Late', dueAt: '2026-03-02T09:00:00.000Z' })]);
    const event = await publishDigest(data);
    await h.republish(event);
    // The same day's digest under another event id (a producer retrying after a crash).
    await publishDigest(data);
    // The next day's is another email.
    await publishDigest({ ...data, localDate: '2026-03-04' });

    const emails = await h.finalEmails(omar);
    expect(emails.map((e) => e.mail.subject).sort()).toEqual([
      '1 overdue task — Tue 3 March',
      '1 overdue task — Wed 4 March',
    ]);
  });

  it('sends nothing to someone who turned the digest off, nor for a digest without tasks', async () => {
    const quiet = await h.registered();
    const prefs = structuredClone(DEFAULT_NOTIFICATION_PREFERENCES);
    prefs.email.overdueDigest = false;
    expect((await h.putPreferences(quiet.id, prefs)).status).toBe(200);
    await publishDigest(overdueDigest(quiet.id, [anOverdueTask({ dueAt: '2026-03-02T09:00:00.000Z' })]));

    const idle = await h.registered();
    await publishDigest(overdueDigest(idle.id, []));

    expect(await h.finalEmails(quiet)).toEqual([]);
    expect(await h.finalEmails(idle)).toEqual([]);
  });

  it('goes at once and alone, leaving a pending batch to its own window', async () => {
    const actor = await h.registered('Ann');
    const pia = await h.registered();
    const task = aTask({ createdBy: actor.id, title: 'Waiting in the window' });
    await h.publish('task.assigned', taskAssigned(task, pia.id), actor.id);
    await h.waitForUnread(pia.id, 1);
    await publishDigest(overdueDigest(pia.id, [anOverdueTask({ title: 'Late', dueAt: '2026-03-02T09:00:00.000Z' })]));

    const [digest, assignment] = await h.smtp.waitFor(pia.email, 2, BATCH_MS + 8000);
    expect(digest!.mail.subject).toBe('1 overdue task — Tue 3 March');
    expect(digest!.text).not.toContain('Waiting in the window');
    expect(assignment!.mail.subject).toBe('Ann assigned you a task: Waiting in the window');
  });
});
