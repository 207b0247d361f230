import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTask, taskAssigned } from './factories';
import { createHarness, type Harness } from './harness';

// A batch window far longer than any wait below: whatever arrives did not wait for it.
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { EMAIL_BATCH_MS: '600000' } });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

const everythingOff = {
  email: { assigned: false, statusChanges: false, comments: false, reminders: false, overdueDigest: false },
  inApp: { assigned: false, statusChanges: false, comments: false, reminders: false, overdueDigest: false },
};

describe('user.password_reset_requested', () => {
  it('emails the reset link at once and alone, whatever the preferences, and never rings the bell', async () => {
    const rosa = await h.registered('Rosa');
    expect((await h.putPreferences(rosa.id, everythingOff)).status).toBe(200);
    // Something already waiting for Rosa's batch: the reset does not take it along, nor wait for it.
    const actor = await h.registered();
    expect(
      (await h.putPreferences(rosa.id, { ...everythingOff, email: { ...everythingOff.email, assigned: true } })).status,
    ).toBe(200);
    await h.publish('task.assigned', taskAssigned(aTask({ createdBy: actor.id, title: 'Waiting' }), rosa.id), actor.id);
    await h.settle();

    const occurredAt = new Date();
    await h.publish(
      'user.password_reset_requested',
      {
        userId: rosa.id,
        email: rosa.email,
        name: 'Rosa',
        resetUrl: 'http://elsewhere.test/reset-password?token=abc_DEF-123',
        expiresAt: new Date(occurredAt.getTime() + 30 * 60_000).toISOString(),
      },
      null,
    );

    const [email] = await h.smtp.waitFor(rosa.email, 1, 5000);
    expect(email!.mail.subject).toBe('Reset your TaskFlow password');
    expect(email!.text).toContain('http://app.test/reset-password?token=abc_DEF-123');
    expect(email!.text).toContain('30 minutes');
    expect(email!.text).not.toContain('Waiting');
    expect(await h.unreadCount(rosa.id)).toBe(0);
  });
});
