import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import { inArray } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { parseEvent, type EventEnvelope } from '@taskflow/contracts/events';
import { createDb } from '@taskflow/service-kit/db';
import { buildEvent, writeEvents } from '@taskflow/service-kit/outbox';
import { createWithTransaction, schema, type WithTransaction } from '../src/data/database';
import { createRemindersService } from '../src/domain/reminder.service';
import { toTaskSnapshot } from '../src/domain/views';
import { addMember, createProject, createTask, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';

/**
 * The scheduler writes each `task.reminder_due` event in SQL (reminder.repository.ts
 * dispatchDueRemindersSql). Each must be what the JavaScript path — buildEvent with toTaskSnapshot,
 * the recipient and the expected `late` — builds for the same row, byte for byte as the outbox stores it
 * (the text the relay publishes), and pass the contract.
 */

let h: Harness;
let owner: TestUser;
let mate: TestUser;
let projectId: string;
// The service's own scheduler lives in 2000: the reminders here (in 2030) are claimed only by the
// service each test makes, at `claimAt`.
const harnessClock = new Date('2000-01-01T00:00:00Z');
const claimAt = new Date('2030-06-01T12:00:00.000Z');
const TICK_MS = 100; // late after a minute (reminder.rules.ts lateAfterMs)
const before = (ms: number) => new Date(claimAt.getTime() - ms).toISOString();
const MINUTE = 60_000;

beforeAll(async () => {
  h = await startHarness({ now: () => harnessClock });
  [owner, mate] = await Promise.all([registerUser(h), registerUser(h, { name: 'Zoë "Z" O\'Brien \\ 🚀' })]);
  projectId = (await createProject(h, owner)).id;
  await addMember(h, owner, projectId, mate);
});
afterAll(async () => {
  await h?.close();
});

/** Sets when a task's reminder of `offset` is due, inserting its row if it has none. */
const setDue = (client: PoolClient, taskId: string, offset: number, remindAt: string) =>
  client.query(
    `INSERT INTO task_reminders (task_id, offset_minutes, remind_at) VALUES ($1, $2, $3)
     ON CONFLICT (task_id, offset_minutes) DO UPDATE SET remind_at = EXCLUDED.remind_at, sent_at = NULL`,
    [taskId, offset, remindAt],
  );

/** The scope a service's transaction sees, on a client already in a transaction the test rolls back. */
function inTransaction(client: PoolClient, kicks: { count: number }): WithTransaction {
  const db = drizzle(client, { schema });
  return (work) =>
    work({
      db,
      emit: () => {
        throw new Error('the reminders service emits nothing in JavaScript');
      },
      wroteEvents: () => {
        kicks.count++;
      },
    });
}

describe('reminder events written in SQL', () => {
  it('are, field for field, the events the JavaScript path builds, and pass the contract', async () => {
    const odd = await createTask(h, owner, projectId, {
      title: 'Quotes "here", a \\ backslash, ünïcödé, 🚀 and \u2028',
      description: 'Line one\nline two\r\n\ttabbed \u0001\u001f\u007f </script>',
      labels: ['say "hi"', 'ünï', 'back\\slash', '🚀'],
      assigneeId: mate.id,
      priority: 'urgent',
      status: 'in_progress',
      reminders: [1440, 60],
      dueAt: '2031-02-03T04:05:06.789Z',
    });
    const bare = await createTask(h, owner, projectId, {
      title: 'Bare',
      description: '',
      labels: [],
      reminders: [30],
      dueAt: '2031-01-01T00:00:00Z',
    });
    // No due date, nobody assigned: its row is one the test leaves behind, for the nulls.
    const nulls = await createTask(h, owner, projectId, { title: 'Nulls', reminders: [] });
    const done = await createTask(h, owner, projectId, { status: 'done', dueAt: '2030-06-01T13:00:00Z' });
    expect([nulls.dueAt, nulls.assigneeId, nulls.completedAt]).toEqual([null, null, null]);
    expect(done.completedAt).not.toBeNull();

    const client = await h.pool.connect();
    try {
      await client.query('BEGIN');
      // [task, offset, due at, late?, recipient]
      const cases = [
        [odd, 60, before(1000), false, mate.id],
        [odd, 1440, before(2 * 3600_000), true, mate.id],
        [bare, 30, before(MINUTE), false, owner.id], // exactly the limit: not late yet
        [nulls, 15, before(MINUTE + 1), true, owner.id],
      ] as const;
      for (const [task, offset, at] of cases) await setDue(client, task.id, offset, at);
      // A done task has no rows; one claimed in the instant before it was done is marked sent, silently.
      await setDue(client, done.id, 60, before(1000));

      const kicks = { count: 0 };
      const lags: number[] = [];
      const reminders = createRemindersService({
        db: createDb(h.pool, schema),
        withTransaction: inTransaction(client, kicks),
        now: () => claimAt,
        tickMs: TICK_MS,
        observeLag: (seconds) => lags.push(seconds),
      });
      expect(await reminders.dispatchDueReminders()).toBe(5);
      expect(kicks.count).toBe(1);
      expect(lags.sort((a, b) => a - b)).toEqual([1, 60, 60.001, 7200]);
      const { rows: sent } = await client.query<{ sent_at: Date }>(
        'SELECT sent_at FROM task_reminders WHERE remind_at <= $1',
        [claimAt],
      );
      expect(sent.map((r) => r.sent_at.getTime())).toEqual(Array(5).fill(claimAt.getTime()));

      const written = await client.query<{ id: string; type: string; payload: EventEnvelope<'task.reminder_due'> }>(
        'SELECT id, type, payload FROM outbox',
      );
      expect(written.rows).toHaveLength(cases.length);
      const sqlEvents = written.rows.map((row) => {
        expect(row.id).toBe(row.payload.id);
        expect(row.type).toBe('task.reminder_due');
        expect(parseEvent(row.payload)).toEqual(row.payload); // the contract's, nothing more, nothing less
        return row.payload;
      });

      // The JavaScript path, for the same rows, written to the same outbox.
      const db = drizzle(client, { schema });
      const ids = [odd.id, bare.id, nulls.id];
      const rows = await db.select().from(schema.tasks).where(inArray(schema.tasks.id, ids));
      const jsEvents = cases.map(([task, offset, , late, recipientId]) => {
        const row = rows.find((r) => r.id === task.id)!;
        return buildEvent(
          'tasks',
          'task.reminder_due',
          {
            task: toTaskSnapshot(row),
            recipientId,
            offsetMinutes: offset,
            late,
          },
          null,
        );
      });
      await writeEvents(db, jsEvents);
      // Byte for byte as stored (and published), but for what is new per event.
      const { rows: stored } = await client.query<{ text: string; fromSql: boolean }>(
        'SELECT payload::text AS text, id = ANY($1::uuid[]) AS "fromSql" FROM outbox',
        [sqlEvents.map((e) => e.id)],
      );
      const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
      const perEvent = new RegExp(
        `^\\{"id":"${uuid}"(,"type":"[^"]+","version":1,"occurredAt":)"[^"]+"(.*,"correlationId":)"${uuid}"`,
      );
      const keyOf = (text: string) => {
        const event = JSON.parse(text) as EventEnvelope<'task.reminder_due'>;
        return `${event.data.task.id}/${event.data.offsetMinutes}`;
      };
      const sameParts = (fromSql: boolean) =>
        new Map(
          stored
            .filter((row) => row.fromSql === fromSql)
            .map((row) => {
              expect(row.text).toMatch(perEvent);
              return [keyOf(row.text), row.text.replace(perEvent, '{"id":"…"$1"…"$2"…"')] as const;
            }),
        );
      const [fromSql, fromJs] = [sameParts(true), sameParts(false)];
      expect(fromSql.size).toBe(cases.length);
      expect([...fromSql.keys()].sort()).toEqual([...fromJs.keys()].sort());
      for (const [key, text] of fromSql) expect(text).toBe(fromJs.get(key));

      for (const e of sqlEvents) {
        expect(e.occurredAt).toBe(claimAt.toISOString());
        expect(e.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
      expect(new Set(sqlEvents.map((e) => e.correlationId)).size).toBe(cases.length);
      const the = (taskId: string, offset: number) =>
        sqlEvents.find((e) => e.data.task.id === taskId && e.data.offsetMinutes === offset)!;
      expect(the(odd.id, 60).data.task).toMatchObject({ title: odd.title, labels: odd.labels, assigneeId: mate.id });
      expect(the(nulls.id, 15).data.task).toMatchObject({ dueAt: null, assigneeId: null, completedAt: null });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('kicks the relay after the commit of a batch that wrote events, and only then', async () => {
    const task = await createTask(h, owner, projectId, { reminders: [60], dueAt: '2030-06-01T12:30:00Z' });
    await h.pool.query(
      "UPDATE task_reminders SET remind_at = $2::timestamptz - interval '1 second' WHERE task_id = $1",
      [task.id, claimAt],
    );
    const sentAtKick: Promise<boolean>[] = [];
    const withTransaction = createWithTransaction(createDb(h.pool, schema), {
      kick: () => {
        // After the commit, another connection sees the claim.
        sentAtKick.push(
          h.pool
            .query<{ sent: boolean }>('SELECT sent_at IS NOT NULL AS sent FROM task_reminders WHERE task_id = $1', [
              task.id,
            ])
            .then(({ rows }) => rows[0]!.sent),
        );
      },
    });
    const reminders = createRemindersService({
      db: createDb(h.pool, schema),
      withTransaction,
      now: () => claimAt,
      tickMs: TICK_MS,
    });
    expect(await reminders.dispatchDueReminders()).toBe(1);
    expect(await Promise.all(sentAtKick)).toEqual([true]);
    expect(await reminders.dispatchDueReminders()).toBe(0); // nothing due: nothing written, no kick
    expect(sentAtKick).toHaveLength(1);
    // The harness's relay publishes it; its consumer side parses it with the contract.
    const event = await h.waitForEvent((e) => e.type === 'task.reminder_due' && e.data.task.id === task.id);
    expect(event.data).toMatchObject({ offsetMinutes: 60, recipientId: owner.id, late: false });
  });
});
