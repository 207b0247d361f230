import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationKind } from '@taskflow/contracts/api';
import { aTask, commented, projectCreated } from './factories';
import { createHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { EMAIL_BATCH_MS: '300' } });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

/** A project its creator is a member of (as the membership projection learns it), and its task. */
async function taskOfProject(creatorId: string, assigneeId: string | null, title: string) {
  const project = await h.publish('project.created', projectCreated(creatorId), creatorId);
  return aTask({ projectId: project.data.project.id, createdBy: creatorId, assigneeId, title });
}

async function without(userId: string, channel: 'email' | 'inApp', kind: NotificationKind) {
  const prefs = structuredClone(DEFAULT_NOTIFICATION_PREFERENCES);
  prefs[channel][kind] = false;
  expect((await h.putPreferences(userId, prefs)).status).toBe(200);
}

describe('task.commented', () => {
  it('puts one notification in the bell of assignee, creator and mentioned, and emails each, not the author', async () => {
    const [ana, bo, cy, di] = [
      await h.registered('Ana'),
      await h.registered('Bo'),
      await h.registered('Cy'),
      await h.registered('Di'),
    ];
    const task = await taskOfProject(cy.id, bo.id, 'Launch <plan>');
    const data = commented(task, ana.id, { excerpt: 'Can we ship **Friday**?', mentionedIds: [di.id, bo.id] });
    await h.publish('task.commented', data, ana.id);

    const link = `/projects/${task.projectId}/tasks/${task.id}`;
    for (const [user, title] of [
      [bo, 'Ana mentioned you on Launch <plan>'],
      [cy, 'Ana commented on Launch <plan>'],
      [di, 'Ana mentioned you on Launch <plan>'],
    ] as const) {
      await h.waitForUnread(user.id, 1);
      const { items } = await h.list(user.id);
      expect(items).toEqual([
        expect.objectContaining({
          type: 'task.commented',
          title,
          body: 'Can we ship **Friday**?',
          link,
          taskId: task.id,
          actor: { id: ana.id, name: 'Ana' },
        }),
      ]);
      const [email] = await h.smtp.waitFor(user.email);
      expect(email!.mail.subject).toBe(title);
      expect(email!.text).toContain('Can we ship **Friday**?');
      expect(email!.text).toContain(`http://app.test${link}`);
      expect(email!.html).toContain('Launch &lt;plan&gt;');
      expect(email!.html).toContain('Reply in TaskFlow');
      expect(await h.finalEmails(user)).toHaveLength(1);
    }
    expect(await h.unreadCount(ana.id)).toBe(0);
    expect(h.smtp.to(ana.email)).toEqual([]);
  });

  it('follows each person’s comment switches, per channel', async () => {
    const [ana, bo, cy] = [await h.registered('Ana'), await h.registered('Bo'), await h.registered('Cy')];
    await without(bo.id, 'email', 'comments');
    await without(cy.id, 'inApp', 'comments');
    const task = await taskOfProject(cy.id, bo.id, 'Quiet');
    await h.publish('task.commented', commented(task, ana.id), ana.id);

    const [email] = await h.smtp.waitFor(cy.email);
    expect(email!.mail.subject).toBe('Ana commented on Quiet');
    await h.waitForUnread(bo.id, 1);
    expect(await h.finalEmails(bo)).toEqual([]);
    expect((await h.list(cy.id)).items).toEqual([]);
  });

  it('does not tell a creator who has left the project', async () => {
    const [ana, bo, cy] = [await h.registered('Ana'), await h.registered('Bo'), await h.registered('Cy')];
    const task = await taskOfProject(cy.id, bo.id, 'Left behind');
    await h.publish(
      'project.member_removed',
      { projectId: task.projectId, projectName: 'P', userId: cy.id, role: 'member' },
      cy.id,
    );
    await h.publish('task.commented', commented(task, ana.id), ana.id);
    await h.waitForUnread(bo.id, 1);
    await h.settle();
    expect((await h.list(cy.id)).items).toEqual([]);
    expect(await h.finalEmails(cy)).toEqual([]);
  });
});
