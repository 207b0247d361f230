import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@taskflow/contracts/events';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { waitFor } from '@taskflow/service-kit/testing';
import { createProject, createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';

/**
 * The daily overdue digest through two real instances, with the service's clock in the test's
 * hands: it starts on Saturday 2030-03-09, 06:00 in New York; clocks there go forward the next night.
 */

let h: Harness;
let clock = new Date('2030-03-09T11:00:00Z');
let alice: TestUser; // New York, one overdue open task
let bob: TestUser; // New York, nothing overdue
let overdueTaskId: string;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** More ticks of both instances' digest jobs, for asserting nothing more is sent. */
const settle = () => pause(500);

beforeAll(async () => {
  h = await startHarness({ instances: 2, now: () => clock });
  [alice, bob] = await Promise.all([
    registerUser(h, { timezone: 'America/New_York' }),
    registerUser(h, { timezone: 'America/New_York' }),
  ]);
  const projectId = (await createProject(h, alice, 'Launch')).id;
  const task = (body: Record<string, unknown>) => createTask(h, alice, projectId, { assigneeId: alice.id, ...body });
  overdueTaskId = (await task({ title: 'File the report', dueAt: '2030-03-08T15:00:00.000Z' })).id;
  await task({ title: 'Already done', dueAt: '2030-03-08T15:00:00.000Z', status: 'done' });
  await task({ title: 'Not yet due', dueAt: '2030-04-01T15:00:00.000Z' });
  await createTask(h, alice, projectId, { title: 'Someone else’s', dueAt: '2030-03-08T15:00:00.000Z' });
});
afterAll(async () => {
  await h?.close();
});

const digests = (user: TestUser) =>
  h.events.filter(
    (e): e is EventEnvelope<'user.overdue_digest_due'> =>
      e.type === 'user.overdue_digest_due' && e.data.userId === user.id,
  );

async function pending(user: TestUser) {
  const { rows } = await h.pool.query<{ local_date: string; timezone: string; fire_at: Date }>(
    `SELECT to_char(local_date, 'YYYY-MM-DD') AS local_date, timezone, fire_at
     FROM overdue_digests WHERE user_id = $1 AND sent_at IS NULL`,
    [user.id],
  );
  return rows.map((r) => ({ localDate: r.local_date, timezone: r.timezone, fireAt: r.fire_at.toISOString() }));
}

describe('overdue digest', () => {
  it('is planned for 09:00 local today for a user registered before 09:00', async () => {
    expect(await pending(alice)).toEqual([
      { localDate: '2030-03-09', timezone: 'America/New_York', fireAt: '2030-03-09T14:00:00.000Z' },
    ]);
  });

  it('goes out once at 09:00 local with the overdue open tasks, and not for a user with none', async () => {
    clock = new Date('2030-03-09T14:00:00.500Z');
    await waitFor(() => digests(alice).length > 0, { what: 'alice’s digest' });
    await settle();
    expect(digests(alice).map((e) => e.data)).toEqual([
      {
        userId: alice.id,
        localDate: '2030-03-09',
        timezone: 'America/New_York',
        tasks: [
          {
            id: overdueTaskId,
            projectId: expect.any(String),
            projectName: 'Launch',
            title: 'File the report',
            dueAt: '2030-03-08T15:00:00.000Z',
          },
        ],
      },
    ]);
    expect(digests(bob)).toEqual([]);
    // Both are planned for tomorrow, a 23-hour day: 09:00 EDT is 13:00 UTC.
    for (const user of [alice, bob]) {
      expect(await pending(user)).toEqual([
        { localDate: '2030-03-10', timezone: 'America/New_York', fireAt: '2030-03-10T13:00:00.000Z' },
      ]);
    }
  });

  it('goes out again the next local day, at 09:00 after the clocks changed', async () => {
    clock = new Date('2030-03-10T12:59:59.000Z');
    await settle();
    expect(digests(alice)).toHaveLength(1);
    clock = new Date('2030-03-10T13:00:00.500Z');
    await waitFor(() => digests(alice).length === 2, { what: 'the second digest' });
    await settle();
    expect(digests(alice).map((e) => e.data.localDate)).toEqual(['2030-03-09', '2030-03-10']);
    expect(digests(bob)).toEqual([]);
  });

  it('goes out once, late, when the service was down at 09:00 — and never twice for that day', async () => {
    await h.stopInstances();
    clock = new Date('2030-03-11T18:00:00.000Z'); // 14:00 in New York
    await h.startInstances();
    await waitFor(() => digests(alice).length === 3, { what: 'the late digest' });
    await h.stopInstances();
    await h.startInstances();
    await settle();
    expect(digests(alice).map((e) => e.data.localDate)).toEqual(['2030-03-09', '2030-03-10', '2030-03-11']);
    expect(await pending(alice)).toEqual([
      { localDate: '2030-03-12', timezone: 'America/New_York', fireAt: '2030-03-12T13:00:00.000Z' },
    ]);
  });

  it('is planned for tomorrow for a user registering after 09:00 local', async () => {
    const carol = await registerUser(h, { timezone: 'America/New_York' });
    expect(await pending(carol)).toEqual([
      { localDate: '2030-03-12', timezone: 'America/New_York', fireAt: '2030-03-12T13:00:00.000Z' },
    ]);
  });

  it('is planned on start for a user who has none (one from before digests existed)', async () => {
    await h.stopInstances();
    await h.pool.query('DELETE FROM overdue_digests WHERE user_id = $1', [alice.id]);
    await h.startInstances();
    await waitFor(async () => (await pending(alice)).length === 1, { what: 'alice planned again' });
    expect(await pending(alice)).toEqual([
      { localDate: '2030-03-12', timezone: 'America/New_York', fireAt: '2030-03-12T13:00:00.000Z' },
    ]);
  });

  it('is planned again in the new zone when a user changes time zone', async () => {
    // 18:00 UTC is 23:30 in Kolkata: the next 09:00 there is tomorrow's, 03:30 UTC.
    await h.broker.publish(
      buildEvent(
        'auth',
        'user.updated',
        { userId: bob.id, email: bob.email, name: bob.name, timezone: 'Asia/Kolkata' },
        bob.id,
      ),
    );
    const expected = [{ localDate: '2030-03-12', timezone: 'Asia/Kolkata', fireAt: '2030-03-12T03:30:00.000Z' }];
    await waitFor(async () => JSON.stringify(await pending(bob)) === JSON.stringify(expected), {
      what: 'bob re-planned',
    });
  });

  it('never plans a day that already had its digest in the old zone', async () => {
    const dave = await registerUser(h, { timezone: 'Asia/Tokyo' }); // 03:00 on 2030-03-12 there
    expect((await pending(dave))[0]?.fireAt).toBe('2030-03-12T00:00:00.000Z');
    clock = new Date('2030-03-12T00:00:00.500Z'); // Tokyo's 2030-03-12 is used up (nothing overdue)
    await waitFor(async () => (await pending(dave))[0]?.localDate === '2030-03-13', { what: 'dave’s next day' });
    // In Los Angeles it is still 17:00 on 2030-03-11: its next 09:00 is on 2030-03-12, which had one.
    const move = { userId: dave.id, email: dave.email, name: dave.name, timezone: 'America/Los_Angeles' };
    await h.broker.publish(buildEvent('auth', 'user.updated', move, dave.id));
    await waitFor(async () => (await pending(dave))[0]?.timezone === 'America/Los_Angeles', { what: 'dave moved' });
    expect(await pending(dave)).toEqual([
      { localDate: '2030-03-13', timezone: 'America/Los_Angeles', fireAt: '2030-03-13T16:00:00.000Z' },
    ]);
  });
});
