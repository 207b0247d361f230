import { describe, expect, it } from 'vitest';
import { OVERDUE_DIGEST_MAX_TASKS, type EventEnvelope } from '@taskflow/contracts/events';
import { buildEvent } from '@taskflow/service-kit/outbox';
import { nextEmailOf } from '../src/domain/email-delivery.service';
import { channelsFor, emailsAtOnce, overduePhrase } from '../src/domain/notification.rules';
import { deliveryKeyOf, digestDay, planOverdueDigest } from '../src/domain/overdue-digest.rules';
import { anOverdueTask, overdueDigest } from './factories';

const digestEvent = (tasks: Parameters<typeof overdueDigest>[1]) =>
  ({
    ...buildEvent('tasks', 'user.overdue_digest_due', overdueDigest(crypto.randomUUID(), tasks), null),
    occurredAt: '2026-03-03T09:00:00.000Z',
  }) as EventEnvelope<'user.overdue_digest_due'>;

describe('overdue digest rules', () => {
  it('says how long a task is overdue in its largest whole unit', () => {
    expect(overduePhrase(30_000)).toBe('1 minute overdue');
    expect(overduePhrase(59 * 60_000)).toBe('59 minutes overdue');
    expect(overduePhrase(60 * 60_000)).toBe('1 hour overdue');
    expect(overduePhrase(47 * 3600_000)).toBe('1 day overdue');
    expect(overduePhrase(9 * 86_400_000)).toBe('9 days overdue');
    expect(overduePhrase(Number.NaN)).toBe('overdue');
  });

  it('names the day of the digest as written, whatever the zone', () => {
    expect(digestDay('2026-03-03')).toBe('Tue 3 March');
    expect(digestDay('2026-12-31')).toBe('Thu 31 December');
  });

  it('plans one email-only notification, due at once, or none without tasks', () => {
    expect(planOverdueDigest(digestEvent([]))).toEqual([]);
    const [plan, ...rest] = planOverdueDigest(digestEvent([anOverdueTask({ dueAt: '2026-03-02T09:00:00.000Z' })]));
    expect(rest).toEqual([]);
    expect(plan!.title('ignored')).toBe('1 overdue task — Tue 3 March');
    expect(plan!.digest?.projects[0]?.tasks[0]?.overdue).toBe('1 day overdue');
    expect(plan!.digest?.capped).toBe(false);
    expect(channelsFor(plan!.kind)).toEqual({ inApp: false, email: { preference: 'overdueDigest', otherwise: true } });
    expect(emailsAtOnce(plan!.kind)).toBe(true);
  });

  it('says when the list may be cut short', () => {
    const tasks = Array.from({ length: OVERDUE_DIGEST_MAX_TASKS }, () =>
      anOverdueTask({ dueAt: '2026-03-02T09:00:00.000Z' }),
    );
    expect(planOverdueDigest(digestEvent(tasks))[0]?.digest?.capped).toBe(true);
  });

  it('is once per user and local date, other notifications once per event', () => {
    const event = digestEvent([]);
    expect(deliveryKeyOf(event)).toBe('overdue-digest:2026-03-03');
    expect(deliveryKeyOf({ ...event, id: crypto.randomUUID() })).toBe('overdue-digest:2026-03-03');
    const other = buildEvent(
      'tasks',
      'user.updated',
      { userId: event.data.userId, email: '', name: '', timezone: '' },
      null,
    );
    expect(deliveryKeyOf(other)).toBe(other.id);
  });

  it('sends a digest alone: first when it came due first, else after the batch', () => {
    const item = (type: string) => ({ id: type, notification: { type } as never });
    const digest = item('user.overdue_digest_due');
    const [a, b] = [item('task.assigned'), item('task.updated')];
    expect(nextEmailOf([digest, a, b])).toEqual([digest]);
    expect(nextEmailOf([a, digest, b])).toEqual([a, b]);
    expect(nextEmailOf([a])).toEqual([a]);
  });
});
