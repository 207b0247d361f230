import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@taskflow/contracts/api';
import { waitFor } from '@taskflow/service-kit/testing';
import { aTask, reminderDue, taskAssigned } from './factories';
import { createHarness, type Harness } from './harness';

// A window far longer than any wait below: whatever arrives did not wait for it.
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { EMAIL_BATCH_MS: '600000' } });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

describe('task.reminder_due', () => {
  it('puts a reminder in the bell and emails it at once, however long the batch window', async () => {
    const ivy = await h.registered('Ivy', 'Europe/Berlin');
    const socket = await h.connectAs(ivy.id);
    const task = aTask({ createdBy: ivy.id, title: 'File the taxes', dueAt: '2030-01-15T14:00:00.000Z' });
    await h.publish('task.reminder_due', reminderDue(task, ivy.id, 60), null);

    const [pushed] = await waitFor(() => (socket.of('notification').length ? socket.of('notification') : null), {
      what: 'the reminder push',
    });
    expect(pushed).toMatchObject({
      type: 'task.reminder_due',
      title: 'Due in 1 hour: File the taxes',
      // In the recipient's time zone: 14:00 UTC is 15:00 in Berlin in January.
      body: 'Due Tue, 15 Jan 2030, 15:00 CET',
      link: `/projects/${task.projectId}/tasks/${task.id}`,
      taskId: task.id,
      actor: null,
    });

    const [email] = await h.smtp.waitFor(ivy.email, 1, 5000);
    expect(email!.mail.subject).toBe('Due in 1 hour: File the taxes');
    expect(email!.text).toContain('Due Tue, 15 Jan 2030, 15:00 CET');
    expect(email!.text).toContain(`http://app.test/projects/${task.projectId}/tasks/${task.id}`);
    expect(email!.mail.messageId).toBe(`<n.${(pushed as Notification).id}@taskflow.local>`);
  });

  it('takes what was waiting for the window along with it, in one email', async () => {
    const actor = await h.registered();
    const jack = await h.registered();
    await h.publish('task.assigned', taskAssigned(aTask({ createdBy: actor.id, title: 'Waiting' }), jack.id), actor.id);
    await h.waitForUnread(jack.id, 1);
    await h.publish(
      'task.reminder_due',
      reminderDue(aTask({ createdBy: jack.id, title: 'Urgent' }), jack.id, 1440),
      null,
    );

    const [email] = await h.smtp.waitFor(jack.email, 1, 5000);
    expect(email!.mail.subject).toBe('2 updates in TaskFlow');
    expect(email!.text).toContain('Due in 1 day: Urgent');
    expect(email!.text).toContain('Waiting');
  });
});
