import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '@taskflow/service-kit/service';
import { waitFor } from '@taskflow/service-kit/testing';
import { aTask, aUser, taskAssigned, type TestUser } from './factories';
import { createHarness, type Harness } from './harness';

/**
 * Exactly once under stress: several instances sending from one outbox, and an SMTP server that
 * refuses for a while. Short windows, back-off and breaker (the harness's), so faults take seconds.
 */
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { EMAIL_BATCH_MS: '200' } });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

async function registeredUsers(n: number): Promise<TestUser[]> {
  const users = Array.from({ length: n }, () => aUser());
  for (const user of users) await h.register(user);
  return users;
}

async function assignEach(actor: TestUser, users: TestUser[], title: (user: TestUser) => string): Promise<void> {
  for (const user of users) {
    await h.publish(
      'task.assigned',
      taskAssigned(aTask({ createdBy: actor.id, title: title(user) }), user.id),
      actor.id,
    );
  }
}

/** How often `text` appears in all the emails a user got. */
const occurrences = (user: TestUser, text: string) =>
  h.smtp.to(user.email).reduce((n, m) => n + m.text.split(text).length - 1, 0);

const CIRCUIT = 'notification_email_circuit_state';
const DEPTH = 'notification_email_queue_depth';

/**
 * Every user's email is in, and nothing is left in the outbox, on any instance's reading: no
 * further email can come (items leave the outbox only once sent), so the counts below are final.
 */
async function allDelivered(users: TestUser[], title: string, baseUrl?: string) {
  await waitFor(() => users.every((u) => h.smtp.to(u.email).some((m) => m.text.includes(title))), {
    timeoutMs: 15_000,
    what: `an email to each of ${users.length} users`,
  });
  await waitFor(async () => (await h.metric(DEPTH, baseUrl)) === 0, { timeoutMs: 10_000, what: 'an empty outbox' });
}

describe('email delivery', () => {
  it('sends each email once with two instances sending from the same outbox', async () => {
    let other: RunningService | undefined;
    try {
      other = await h.startAnother();
      const actor = await registeredUsers(1).then(([u]) => u!);
      const users = await registeredUsers(12);
      await assignEach(actor, users, (u) => `First for ${u.id}`);
      await assignEach(actor, users, (u) => `Second for ${u.id}`);
      await allDelivered(users, 'Second for', other.url);
      await allDelivered(users, 'First for', other.url);

      // However the two landed in windows (one email or two), each notification went out once.
      for (const user of users) {
        expect(occurrences(user, `First for ${user.id}`), user.email).toBe(1);
        expect(occurrences(user, `Second for ${user.id}`), user.email).toBe(1);
      }
      const ids = users.flatMap((u) => h.smtp.to(u.email).map((m) => m.mail.messageId));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      if (other) await h.stopAnother(other);
    }
  });

  it('keeps every email through an SMTP outage, opens the circuit, and sends each once it recovers', async () => {
    const actor = await registeredUsers(1).then(([u]) => u!);
    const users = await registeredUsers(6);
    expect(await h.metric(CIRCUIT)).toBe(0);
    h.smtp.refuse(true);
    try {
      await assignEach(actor, users, () => 'Outage');
      await waitFor(async () => (await h.metric(CIRCUIT)) === 1, { timeoutMs: 8000, what: 'the circuit to open' });
      // The circuit lets a probe through after a while; it fails too and the circuit opens again.
      const refusedWhenOpened = h.smtp.refusedCount;
      await waitFor(() => h.smtp.refusedCount > refusedWhenOpened, { timeoutMs: 8000, what: 'a failed probe' });
      expect(h.smtp.received.filter((m) => m.text.includes('Outage'))).toHaveLength(0);
    } finally {
      h.smtp.refuse(false);
    }

    await allDelivered(users, 'Outage');
    await waitFor(async () => (await h.metric(CIRCUIT)) === 0, { what: 'the circuit to close' });
    for (const user of users) expect(h.smtp.to(user.email), user.email).toHaveLength(1);
    expect(await h.metric('notification_emails_failed_total{reason="smtp"')).toBeGreaterThanOrEqual(3);
  });
});
