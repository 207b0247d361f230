import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFERENCES, type Notification } from '@taskflow/contracts/api';
import { waitFor } from '@taskflow/service-kit/testing';
import { aTask, aUser, memberAdded, reminderDue, statusChanged, taskAssigned } from './factories';
import { createHarness, type Harness } from './harness';

// A window long enough for the two or three events of a test to land in it, short enough to wait for.
const BATCH_MS = 2000;
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { EMAIL_BATCH_MS: String(BATCH_MS) } });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

/** A registered user who turned one thing off, and someone to act on their tasks. */
async function userWithout(channel: 'email' | 'inApp', kind: 'assigned') {
  const actor = await h.registered('Ann');
  const user = await h.registered();
  const prefs = structuredClone(DEFAULT_NOTIFICATION_PREFERENCES);
  prefs[channel][kind] = false;
  expect((await h.putPreferences(user.id, prefs)).status).toBe(200);
  return { actor, user };
}

describe('email', () => {
  it('sends an assignee one email with the task, a link to it and to the preferences, in HTML and text', async () => {
    const alice = await h.registered('Alice');
    const bob = await h.registered('Bob');
    const task = aTask({ createdBy: alice.id, title: 'Ship <script>alert("x")</script> & co' });
    await h.publish('task.assigned', taskAssigned(task, bob.id), alice.id);

    const [email] = await h.smtp.waitFor(bob.email);
    const taskUrl = `http://app.test/projects/${task.projectId}/tasks/${task.id}`;
    expect(email!.mail.subject).toBe(`Alice assigned you a task: ${task.title}`);
    expect(email!.mail.from?.text).toContain('no-reply@taskflow.local');
    for (const part of [email!.html, email!.text]) {
      expect(part).toContain(taskUrl);
      expect(part).toContain('http://app.test/settings/notifications');
      expect(part).toContain('Bob');
    }
    // The title is text: escaped in the HTML, as written in the plain text.
    expect(email!.html).toContain('Ship &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(email!.html).not.toContain('<script');
    expect(email!.text).toContain(task.title);
    // A whole XHTML document as email clients expect it, without the markers a streaming render leaves
    // (Suspense boundaries, hoisted <html>/<head>); the button's Outlook conditionals are all it comments.
    expect(email!.html).toMatch(/^<!DOCTYPE html PUBLIC "-\/\/W3C\/\/DTD XHTML 1\.0 Transitional\/\/EN"[^>]*><html /);
    expect(email!.html.match(/<!--[^[]/g)).toBeNull();
    const [notification] = ((await (await h.api(bob.id, '/api/notifications')).json()) as { items: Notification[] })
      .items;
    expect(email!.mail.messageId).toBe(`<n.${notification!.id}@taskflow.local>`);

    expect(await h.finalEmails(bob)).toHaveLength(1);
  });

  it('emails a redelivered event once', async () => {
    const actor = await h.registered();
    const dave = await h.registered();
    const first = aTask({ createdBy: actor.id, title: 'Only once' });
    const event = await h.publish('task.assigned', taskAssigned(first, dave.id), actor.id);
    await h.republish(event);
    await h.publish('task.assigned', taskAssigned(aTask({ createdBy: actor.id, title: 'Later' }), dave.id), actor.id);

    // Both land in one batch; a second copy of the first would have made it three.
    const [email] = await h.smtp.waitFor(dave.email, 1, BATCH_MS + 8000);
    expect(email!.mail.subject).toBe('2 updates in TaskFlow');
    expect(email!.text.split('Only once')).toHaveLength(2);
    expect(await h.finalEmails(dave)).toHaveLength(1);
  });

  it('keeps the email of a recipient the directory does not know yet, and sends it once they are known', async () => {
    const erin = aUser();
    const task = aTask({ createdBy: erin.id, title: 'Early bird' });
    const before = (await h.metric('notification_emails_failed_total{reason="no_recipient"')) ?? 0;
    await h.publish('task.reminder_due', reminderDue(task, erin.id, 60), null);
    await waitFor(
      async () => ((await h.metric('notification_emails_failed_total{reason="no_recipient"')) ?? 0) > before,
      {
        what: 'a try without a recipient',
      },
    );

    await h.register(erin);
    const [email] = await h.smtp.waitFor(erin.email);
    expect(email!.mail.subject).toBe('Due in 1 hour: Early bird');
  });
});

describe('preferences', () => {
  it('answers the defaults until the user saves their own, and returns what was saved', async () => {
    const user = aUser();
    const res = await h.api(user.id, '/api/notifications/preferences');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);

    const mine = structuredClone(DEFAULT_NOTIFICATION_PREFERENCES);
    mine.email.statusChanges = false;
    const saved = await h.putPreferences(user.id, mine);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual(mine);
    expect(await (await h.api(user.id, '/api/notifications/preferences')).json()).toEqual(mine);
    expect((await h.api(null, '/api/notifications/preferences')).status).toBe(401);
  });

  it('answers 400 problem+json naming each bad field, and changes nothing', async () => {
    const user = aUser();
    const { email, inApp } = DEFAULT_NOTIFICATION_PREFERENCES;
    const { comments: _dropped, ...withoutComments } = email;
    for (const [body, paths] of [
      [{ email: withoutComments, inApp }, ['email.comments']],
      [{ email: { ...email, assigned: 'no' }, inApp }, ['email.assigned']],
      [{ email, inApp: { ...inApp, sms: true } }, ['inApp.sms']],
      [{ email }, ['inApp']],
      [{ email, inApp, extra: 1 }, ['extra']],
      [[], ['body']],
    ] as const) {
      const res = await h.putPreferences(user.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { code: string; errors: { path: string }[] };
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((e) => e.path)).toEqual(paths);
    }
    expect(await (await h.api(user.id, '/api/notifications/preferences')).json()).toEqual(
      DEFAULT_NOTIFICATION_PREFERENCES,
    );
  });

  it('with email off for assignments: the bell has it, no email does', async () => {
    const { actor, user: frank } = await userWithout('email', 'assigned');

    const task = aTask({ createdBy: actor.id, assigneeId: frank.id, title: 'Quietly assigned' });
    await h.publish('task.assigned', taskAssigned(task, frank.id), actor.id);
    await h.publish('task.updated', statusChanged(task, 'todo', 'in_progress'), actor.id);

    // Had the assignment been queued, it would have gone out with the status change, as a batch.
    const [email] = await h.smtp.waitFor(frank.email, 1, BATCH_MS + 8000);
    expect(email!.mail.subject).toBe('Ann moved Quietly assigned to In progress');
    expect(await h.unreadCount(frank.id)).toBe(2);
    expect(await h.finalEmails(frank)).toHaveLength(1);
  });

  it('with the bell off for assignments: no notification in the bell, the email still goes', async () => {
    const { actor, user: grace } = await userWithout('inApp', 'assigned');
    const socket = await h.connectAs(grace.id);

    const task = aTask({ createdBy: actor.id, assigneeId: grace.id, title: 'Bell-less' });
    await h.publish('task.assigned', taskAssigned(task, grace.id), actor.id);
    await h.publish('task.updated', statusChanged(task, 'todo', 'done'), actor.id);
    await h.waitForUnread(grace.id, 1);

    const { items } = (await (await h.api(grace.id, '/api/notifications')).json()) as { items: Notification[] };
    expect(items.map((n) => n.type)).toEqual(['task.updated']);
    await waitFor(() => socket.of('notification').length > 0, { what: 'the status change push' });
    expect(socket.of('notification').map((n) => n.type)).toEqual(['task.updated']);
    const [email] = await h.smtp.waitFor(grace.email, 1, BATCH_MS + 8000);
    expect(email!.mail.subject).toBe('2 updates in TaskFlow');
  });

  it('always tells someone they were added to a project, whatever they turned off', async () => {
    const owner = await h.registered('Olivia');
    const henry = await h.registered();
    const allOff = {
      email: Object.fromEntries(Object.keys(DEFAULT_NOTIFICATION_PREFERENCES.email).map((k) => [k, false])),
      inApp: Object.fromEntries(Object.keys(DEFAULT_NOTIFICATION_PREFERENCES.inApp).map((k) => [k, false])),
    };
    expect((await h.putPreferences(henry.id, allOff)).status).toBe(200);

    const projectId = crypto.randomUUID();
    await h.publish('project.member_added', memberAdded(projectId, henry.id, 'Launch'), owner.id);
    await h.waitForUnread(henry.id, 1);
    const [email] = await h.smtp.waitFor(henry.email, 1, BATCH_MS + 8000);
    expect(email!.mail.subject).toBe('Olivia added you to Launch');
    expect(email!.html).toContain(`http://app.test/projects/${projectId}`);
    expect(email!.text).toContain('Open the project');
  });
});
