import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTask, statusChanged } from './factories';
import { createHarness, type Harness } from './harness';

// Wide enough that 35 events land in it even on a busy machine; the test waits for it once.
const BATCH_MS = 8000;
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { EMAIL_BATCH_MS: String(BATCH_MS) } });
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

describe('batching', () => {
  it('puts 35 status changes within the window into one email that lists all of them', async () => {
    const mover = await h.registered('Mo');
    const carol = await h.registered('Carol');
    for (let i = 1; i <= 35; i++) {
      const task = aTask({ createdBy: carol.id, assigneeId: carol.id, title: `Item ${i}` });
      await h.publish('task.updated', statusChanged(task, 'todo', 'done'), mover.id);
    }
    await h.waitForUnread(carol.id, 35);
    expect(h.smtp.to(carol.email)).toHaveLength(0);

    const [email] = await h.smtp.waitFor(carol.email, 1, BATCH_MS + 8000);
    expect(email!.mail.subject).toBe('35 updates in TaskFlow');
    for (let i = 1; i <= 35; i++) {
      expect(email!.html).toContain(`Mo moved Item ${i} to Done`);
      expect(email!.text).toContain(`Mo moved Item ${i} to Done`);
    }
    expect(email!.html.match(/\/projects\/[^"]+\/tasks\//g)).toHaveLength(35);

    expect(await h.finalEmails(carol)).toHaveLength(1);
  });
});
