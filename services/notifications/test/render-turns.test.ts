import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@taskflow/service-kit/logger';
import { createSmtpMailer } from '../src/mail/smtp.mailer';
import { oneAtATime } from '../src/mail/one-at-a-time';
import type { EmailMessage } from '../src/domain/email.port';
import { startSmtpFixture, type SmtpFixture } from './smtp-fixture';

/**
 * Email renders take turns with everything else the service does: a round of the dispatcher that
 * hands over many emails at once must not hold the event loop for all their renders in a row.
 */

// Each render is logged with the loop turn it started in (a ticker that counts check phases).
const renders: { turn: number; done: boolean }[] = [];
let turn = 0;
vi.mock('../src/mail/notification-email', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/mail/notification-email')>();
  return {
    ...actual,
    renderNotificationEmail: (...args: Parameters<typeof actual.renderNotificationEmail>) => {
      const entry = { turn, done: false };
      expect(
        renders.every((r) => r.done),
        'a render started while another was running',
      ).toBe(true);
      renders.push(entry);
      const email = actual.renderNotificationEmail(...args);
      entry.done = true;
      return email;
    },
  };
});

let ticking = true;
const tick = () => {
  turn++;
  if (ticking) setImmediate(tick);
};

let smtp: SmtpFixture;
beforeAll(async () => {
  smtp = await startSmtpFixture();
  setImmediate(tick);
});
afterAll(async () => {
  ticking = false;
  await smtp?.close();
});

describe('oneAtATime', () => {
  it('runs one job at a time, each in a later turn of the loop than the one before', async () => {
    const take = oneAtATime();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.push(`${name} end`);
      return name;
    };
    const results = Promise.all(['a', 'b', 'c'].map((name) => take(job(name))));
    // Queued after the jobs: runs before the second one starts, as I/O that arrived would.
    setImmediate(() => log.push('other work'));
    expect(await results).toEqual(['a', 'b', 'c']);
    expect(log.filter((entry) => entry !== 'other work')).toEqual([
      'a start',
      'a end',
      'b start',
      'b end',
      'c start',
      'c end',
    ]);
    expect(log.indexOf('other work')).toBeLessThan(log.indexOf('b start'));
  });

  it('goes on with the next job after one fails', async () => {
    const take = oneAtATime();
    const failed = take(() => Promise.reject(new Error('no')));
    const next = take(() => Promise.resolve('yes'));
    await expect(failed).rejects.toThrow('no');
    expect(await next).toBe('yes');
  });
});

const nextPass = () => new Promise<void>((resolve) => setImmediate(resolve));
const loopPasses = async (n: number) => {
  for (let i = 0; i < n; i++) await nextPass();
};
/**
 * Passes of the event loop (real I/O between them) until `done()`, the fake clock moving 1 ms every 20
 * passes: the SMTP server waits 100 ms before it greets a new connection. Fails before the clock has
 * moved 900 ms, inside the limiter's one-second window.
 */
async function loopUntil(done: () => boolean): Promise<void> {
  for (let ms = 0; ms < 900; ms++) {
    for (let i = 0; i < 20; i++) {
      if (done()) return;
      await nextPass();
    }
    vi.advanceTimersByTime(1);
  }
  throw new Error('not within 900 ms of the fake clock');
}

/** A one-notification email to `to`. */
const anEmail = (to: { name: string; email: string }, key: string): EmailMessage => ({
  to,
  messageKey: key,
  notifications: [
    {
      id: `n-${key}`,
      type: 'task.assigned',
      title: `Task ${key}`,
      body: 'Ada assigned you a task',
      link: `/projects/p/tasks/${key}`,
      projectId: null,
      taskId: null,
      actor: null,
      createdAt: new Date().toISOString(),
    },
  ],
});

const mailerAt = (maxPerSecond: number) =>
  createSmtpMailer({
    smtpUrl: smtp.url,
    from: 'TaskFlow <noreply@taskflow.test>',
    appUrl: 'http://localhost:8080',
    logger: createLogger('smtp-mailer-test', 'silent'),
    breaker: { failures: 5, halfOpenAfterMs: 30_000 },
    maxPerSecond,
  });

describe('the SMTP mailer', () => {
  it('renders emails sent side by side one at a time, each in a turn of its own, and sends them all', async () => {
    const mailer = mailerAt(100);
    try {
      const people = Array.from({ length: 6 }, (_, i) => ({ name: `Person ${i}`, email: `turns-${i}@example.test` }));
      await Promise.all(people.map((to, i) => mailer.send(anEmail(to, `turns-${i}`))));
      expect(renders).toHaveLength(people.length);
      const turns = renders.map((r) => r.turn);
      expect(new Set(turns).size, `render turns ${turns.join(', ')}`).toBe(people.length);
      for (const person of people) expect(smtp.to(person.email)).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });

  it('hands the server at most maxPerSecond emails a second; the rest wait for the clock to move on', async () => {
    // The clock is faked (Date and timers; I/O and setImmediate stay real) and moved by the test, so
    // nothing here depends on how fast the machine is.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const mailer = mailerAt(2);
    try {
      const people = Array.from({ length: 5 }, (_, i) => ({ name: `Rate ${i}`, email: `rate-${i}@example.test` }));
      const before = smtp.received.length;
      const arrived = () => smtp.received.length - before;
      let done = 0;
      const sends = Promise.all(people.map((to, i) => mailer.send(anEmail(to, `rate-${i}`)).then(() => done++)));

      await loopUntil(() => done === 2);
      await loopPasses(500); // the clock stands still: time for another send to go out, were it not held
      expect(arrived()).toBe(2);

      await vi.advanceTimersByTimeAsync(1000);
      await loopUntil(() => done === 4);
      await loopPasses(500);
      expect(arrived()).toBe(4);

      await vi.advanceTimersByTimeAsync(1000);
      await sends;
      expect(arrived()).toBe(5);
    } finally {
      mailer.close();
      vi.useRealTimers();
    }
  });
});
