import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@taskflow/contracts/api';
import { TEST_REDIS_URL, waitFor } from '@taskflow/service-kit/testing';
import { messageKeyOf } from '../services/notifications/src/domain/email-delivery.service';
import { startRabbitNode, type RabbitNode } from './rabbitmq-node';
import { startSmtpServer, type SmtpServer } from './smtp';
import { api, registerUser, startStack, type Stack } from './stack';

/**
 * Reminders and email reach people exactly once through faults: the broker restarted, the
 * notifications process killed, the SMTP server down, two tasks instances racing for the same
 * reminders. Real processes (the stack on a RabbitMQ node of its own), a real SMTP server here,
 * bursts of 1 000. Each case has its own recipients, so the cases share one stack and one set of
 * tasks; they run in order, alone (the `faults` project runs after every other test file).
 */

const BURST = 1000;
/** Requests in flight during a burst: enough to keep both cores busy, not a flood. */
const IN_FLIGHT = 20;

type User = Awaited<ReturnType<typeof registerUser>>;

let rabbit: RabbitNode;
let smtp: SmtpServer;
let stack: Stack;
let redis: Redis;
let secretDir: string | undefined;
let alice: User;
let projectId: string;
/** Alice's BURST tasks in the shared project, unassigned at first; each case reassigns them all. */
let taskIds: string[];
/**
 * How long creating one task took in the mean when the tasks were made: the machine's pace (other
 * work may share its two cores). The reminder case plans its due time from it.
 */
let msPerCreate = 0;

/** Runs `jobs` with at most IN_FLIGHT at a time; answers how long they took. */
async function inParallel(jobs: (() => Promise<void>)[]): Promise<number> {
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, jobs.length) }, worker));
  return Date.now() - started;
}

/**
 * A burst with a fault in the middle: the first `at` jobs, then the fault (once it has happened the
 * service or server is really down), then the rest of the burst alongside the recovery.
 */
async function burst(
  jobs: (() => Promise<void>)[],
  { at, fault, recover }: { at: number; fault: () => Promise<unknown>; recover: () => Promise<unknown> },
): Promise<void> {
  await inParallel(jobs.slice(0, at));
  await fault();
  await Promise.all([inParallel(jobs.slice(at)), recover()]);
}

const register = (name: string): Promise<User> => registerUser(stack, name);

const assign = (taskId: string, user: User) => async () => {
  const res = await api(`${stack.urls.tasks}/api/tasks/${taskId}`, {
    method: 'PATCH',
    token: alice.token,
    body: { assigneeId: user.id },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

const createTask = async (
  user: User,
  project: string,
  body: Record<string, unknown>,
  tasksUrl = stack.urls.tasks,
): Promise<string> => {
  const res = await api(`${tasksUrl}/api/projects/${project}/tasks`, { method: 'POST', token: user.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};

/** Everything in a person's bell, newest first, page by page. */
async function bell(user: User): Promise<Notification[]> {
  const items: Notification[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api(`${stack.urls.notifications}/api/notifications?limit=100${query}`, { token: user.token });
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

const unread = async (user: User): Promise<number> =>
  (await api(`${stack.urls.notifications}/api/notifications/unread-count`, { token: user.token })).body.count;

const countsOf = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};
const repeated = (values: string[]) => [...countsOf(values)].filter(([, n]) => n > 1);

/**
 * Waits until `user`'s bell holds a `type` notification for every one of `tasks`, then asserts it
 * holds exactly one per task and returns task id → notification id. (A bell keeps its newest 1 000:
 * with 1 000 tasks, a duplicate would push an original out instead, and the wait would time out.)
 */
async function waitForBell(user: User, type: string, tasks: string[], timeoutMs: number) {
  const wanted = new Set(tasks);
  let found: Notification[] = [];
  const ours = (items: Notification[]) => items.filter((n) => n.type === type && wanted.has(n.taskId ?? ''));
  await waitFor(
    async () => {
      // The count is one request; the whole bell is ten. Read it only when it can be complete.
      if ((await unread(user)) < wanted.size) return false;
      found = ours(await bell(user));
      return new Set(found.map((n) => n.taskId)).size === wanted.size;
    },
    { timeoutMs, intervalMs: 300, what: `${wanted.size} ${type} notifications in the bell` },
  ).catch((err: Error) => {
    throw new Error(`${err.message} (${new Set(found.map((n) => n.taskId)).size} of ${wanted.size} tasks there)`);
  });
  expect(repeated(found.map((n) => n.taskId!))).toEqual([]);
  expect(found).toHaveLength(wanted.size);
  return new Map(found.map((n) => [n.taskId!, n.id]));
}

/**
 * The closing check of every case, once `user`'s bell held one notification per task (`byTask`):
 * a sentinel made after that travels behind all of them — same outbox, same queue, same email
 * outbox — so once its email and its bell entry are here, anything still to come would have come.
 * Then the bell must hold no second notification for any task, and every notification must be in
 * exactly one email, whose Message-ID is the one its notification ids make.
 */
async function expectEachInExactlyOneEmail(
  user: User,
  type: string,
  byTask: Map<string, string>,
  sentinelTaskId: string,
  emailTimeoutMs = 30_000,
): Promise<{ emails: number }> {
  await smtp.waitFor(
    user.email,
    (m) => m.taskIds.includes(sentinelTaskId),
    `the sentinel's email to ${user.email}`,
    emailTimeoutMs,
  );
  const after = await waitFor(
    async () => {
      const items = (await bell(user)).filter((n) => n.type === type);
      return items.some((n) => n.taskId === sentinelTaskId) ? items : null;
    },
    { timeoutMs: 10_000, intervalMs: 200, what: "the sentinel's notification" },
  );
  const idOf = new Map(byTask).set(sentinelTaskId, after.find((n) => n.taskId === sentinelTaskId)!.id);
  // Any notification of these tasks with an id not seen before is a second one.
  expect(after.filter((n) => idOf.get(n.taskId ?? '') !== n.id)).toEqual([]);

  const emails = smtp.to(user.email).filter((m) => m.taskIds.length > 0);
  expect(repeated(emails.map((m) => m.messageId))).toEqual([]);
  const mentions = emails.flatMap((m) => m.taskIds);
  expect(repeated(mentions)).toEqual([]);
  expect(mentions.sort()).toEqual([...idOf.keys()].sort());
  for (const email of emails) {
    const ids = email.taskIds.map((t) => idOf.get(t)!);
    expect(email.messageId.split('@')[0], `Message-ID of "${email.subject}"`).toBe(messageKeyOf(ids));
  }
  return { emails: emails.length };
}

/** The SMTP circuit's state from the notifications process's /metrics: 0 closed, 1 open, 2 half-open. */
async function circuitState(): Promise<number | undefined> {
  const text = await (await fetch(`${stack.urls.notifications}/metrics`)).text();
  const match = /^notification_email_circuit_state(?:\{[^}]*\})? (\d+)/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

const assignedSentinel = async (user: User, label: string) =>
  createTask(alice, projectId, { title: `Sentinel ${label}`, assigneeId: user.id });

describe.sequential('reminders and email that reach people exactly once, through faults', () => {
  let bob: User;
  let carol: User;
  let smtpDownUsers: User[];
  let rita: User;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    rabbit = await startRabbitNode();
    secretDir = mkdtempSync(join(tmpdir(), 'tf-faults-'));
    stack = await startStack({
      amqpUrl: rabbit.url,
      env: {
        notifications: {
          SMTP_URL: smtp.url,
          EMAIL_BATCH_MS: '300',
          EMAIL_TICK_MS: '100',
          // Short enough that a killed instance's claim and an open circuit pass within the test;
          // still far longer than one send to the local SMTP server.
          EMAIL_LEASE_MS: '5000',
          SMTP_BREAKER_HALF_OPEN_MS: '5000',
        },
        tasks: {
          REMINDER_TICK_MS: '200',
          // Both tasks instances share it, as production instances must; not the repository's own.
          CALENDAR_SECRET_FILE: join(secretDir, 'calendar-secret'),
        },
      },
    });
    redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    // A service gives up on a broker that does not answer within 30 s, and on a busy machine the
    // node's boot can take that long: the services start once it answers.
    await Promise.all([rabbit.ready(), redis.connect()]);
    await Promise.all([
      stack.start('auth'),
      stack.start('tasks'),
      stack.start('notifications'),
      // A second tasks instance on the same database, for the reminders race (idle until then).
      stack.start('tasks', 1),
    ]);

    [alice, bob, carol, rita] = await Promise.all([
      register('Alice'),
      register('Bob'),
      register('Carol'),
      register('Rita'),
    ]);
    // One after another: auth lets one address hold only a few places in its password-hashing line.
    smtpDownUsers = [];
    for (const name of ['Dave', 'Erin', 'Frank', 'Grace', 'Heidi']) smtpDownUsers.push(await register(name));
    const people = [bob, carol, ...smtpDownUsers, rita];
    // tasks learns about people from user.registered: their personal project appears when it has.
    await waitFor(
      async () => {
        const counts = await Promise.all(
          [alice, ...people].map(
            async (u) => (await api(`${stack.urls.tasks}/api/projects`, { token: u.token })).body?.items?.length,
          ),
        );
        return counts.every((n) => n === 1);
      },
      { timeoutMs: 20_000, intervalMs: 200, what: "everyone's personal project" },
    );
    const project = await api(`${stack.urls.tasks}/api/projects`, {
      method: 'POST',
      token: alice.token,
      body: { name: 'Burst' },
    });
    expect(project.status).toBe(201);
    projectId = project.body.id;
    for (const person of [bob, carol, ...smtpDownUsers]) {
      const added = await api(`${stack.urls.tasks}/api/projects/${projectId}/members`, {
        method: 'POST',
        token: alice.token,
        body: { email: person.email, role: 'member' },
      });
      expect(added.status).toBe(201);
    }
    taskIds = new Array<string>(BURST);
    const createMs = await inParallel(
      Array.from({ length: BURST }, (_, i) => async () => {
        taskIds[i] = await createTask(alice, projectId, { title: `Burst task ${String(i).padStart(4, '0')}` });
      }),
    );
    msPerCreate = createMs / BURST;
  }, 180_000);

  afterAll(async () => {
    redis?.disconnect();
    await stack?.close().catch(() => undefined);
    await rabbit?.close();
    await smtp?.close();
    if (secretDir) rmSync(secretDir, { recursive: true, force: true });
  }, 60_000);

  it('RabbitMQ restarted during 1 000 assignments: 1 000 notifications, each in exactly one email', async () => {
    await burst(
      taskIds.map((id) => assign(id, bob)),
      { at: 300, fault: () => rabbit.stopApp(), recover: () => rabbit.startApp() },
    );
    // Both ends really lost the broker mid-burst (the relay publishing, the consumer consuming).
    expect(stack.logs('tasks')).toContain('broker connection lost');
    expect(stack.logs('notifications')).toContain('broker connection lost');

    const byTask = await waitForBell(bob, 'task.assigned', taskIds, 60_000);
    expect(await unread(bob)).toBe(BURST);
    const { emails } = await expectEachInExactlyOneEmail(
      bob,
      'task.assigned',
      byTask,
      await assignedSentinel(bob, 'after the broker restart'),
    );
    // Batching did happen (EMAIL_BATCH_MS): fewer emails than notifications.
    expect(emails).toBeLessThan(BURST);
  }, 120_000);

  it('notifications killed (SIGKILL) mid-send during 1 000 assignments: all arrive once after the restart', async () => {
    const state = `${stack.keyPrefix}n:{${carol.id}}:outbox:state`;
    let leaseLeftBehind: string | null = null;
    await burst(
      taskIds.map((id) => assign(id, carol)),
      {
        at: 300,
        fault: async () => {
          // Killed while an email to Carol is on the wire: its lease outlives the process.
          const release = await smtp.holdNextMessage(20_000);
          expect(await stack.kill('notifications')).toBeNull();
          leaseLeftBehind = await redis.hget(state, 'lease');
          release();
        },
        recover: () => stack.start('notifications'),
      },
    );
    expect(leaseLeftBehind).not.toBeNull();

    // The new process may take Carol's email only when the dead one's lease (EMAIL_LEASE_MS) runs out.
    const byTask = await waitForBell(carol, 'task.assigned', taskIds, 60_000);
    const { emails } = await expectEachInExactlyOneEmail(
      carol,
      'task.assigned',
      byTask,
      await assignedSentinel(carol, 'after the kill'),
      90_000,
    );
    expect(emails).toBeLessThan(BURST);
  }, 150_000);

  it('SMTP server down for 10 s during 1 000 assignments: the circuit opens, then every email arrives once', async () => {
    // Five recipients, so that five sends fail in a row and the circuit opens while the server is down.
    const assigneeOf = (i: number) => smtpDownUsers[i % smtpDownUsers.length]!;
    let openedWhileDown = false;
    await burst(
      taskIds.map((id, i) => assign(id, assigneeOf(i))),
      {
        at: 200,
        fault: () => smtp.down(),
        recover: async () => {
          const downSince = Date.now();
          try {
            openedWhileDown = await waitFor(async () => (await circuitState()) === 1, {
              timeoutMs: 9_000,
              intervalMs: 100,
              what: 'the SMTP circuit to open',
            });
            await new Promise((r) => setTimeout(r, 10_000 - (Date.now() - downSince)));
          } finally {
            await smtp.up();
          }
        },
      },
    );
    expect(openedWhileDown).toBe(true);

    await Promise.all(
      smtpDownUsers.map(async (user, k) => {
        const theirs = taskIds.filter((_, i) => i % smtpDownUsers.length === k);
        const byTask = await waitForBell(user, 'task.assigned', theirs, 30_000);
        // The breaker lets a probe through SMTP_BREAKER_HALF_OPEN_MS after it opened; then everything pending flows.
        const sentinel = await assignedSentinel(user, 'after the SMTP outage');
        const { emails } = await expectEachInExactlyOneEmail(user, 'task.assigned', byTask, sentinel, 60_000);
        expect(emails).toBeGreaterThan(0);
      }),
    );
    expect(await circuitState()).toBe(0);
  }, 150_000);

  it('two tasks instances, 1 000 reminders due at once: 1 000 reminder notifications, each in exactly one email', async () => {
    const personal = (await api(`${stack.urls.tasks}/api/projects`, { token: rita.token })).body.items[0].id;
    // Every reminder at the same instant, planned far enough ahead that the requests should be done
    // by then at the pace tasks were created at first. A reminder whose time has passed when it is planned is
    // skipped, so should the machine slow down meanwhile, a task created too close to that instant
    // is due 3 s after its creation instead: later, but still many at once, and none lost.
    const together = Date.now() + Math.max(5_000, 1.5 * BURST * msPerCreate + 2_000);
    const reminderTasks = new Array<string>(BURST);
    let atTheSameInstant = 0;
    await inParallel(
      Array.from({ length: BURST }, (_, i) => async () => {
        const dueAt = Math.max(together, Date.now() + 3_000);
        if (dueAt === together) atTheSameInstant++;
        // Half through each instance, as a load balancer would spread them.
        reminderTasks[i] = await createTask(
          rita,
          personal,
          { title: `Reminder ${String(i).padStart(4, '0')}`, dueAt: new Date(dueAt).toISOString(), reminders: [0] },
          stack.url('tasks', i % 2),
        );
      }),
    );
    if (atTheSameInstant < BURST) console.info(`${atTheSameInstant} of ${BURST} reminders due at the same instant`);

    const byTask = await waitForBell(rita, 'task.reminder_due', reminderTasks, 60_000);
    const reminders = (await bell(rita)).filter((n) => n.type === 'task.reminder_due');
    // On time, not late: sent within a tick or two of the due time.
    expect(reminders.filter((n) => !n.title.startsWith('Due now: '))).toEqual([]);

    const sentinel = await createTask(rita, personal, {
      title: 'Sentinel reminder',
      dueAt: new Date(Date.now() + 1_500).toISOString(),
      reminders: [0],
    });
    const { emails } = await expectEachInExactlyOneEmail(rita, 'task.reminder_due', byTask, sentinel);
    expect(emails).toBeGreaterThan(0);
  }, 180_000);
});
