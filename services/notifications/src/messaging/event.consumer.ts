import type { EventType } from '@taskflow/contracts/events';
import type { Broker } from '@taskflow/service-kit/broker';
import { startConsumer, type Consumer } from '@taskflow/service-kit/consumer';
import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import type { RevokedSessions } from '@taskflow/service-kit/revocation';
import type { EventService } from '../domain/event.service';

/**
 * The events this service listens to: projections (user.*, project.*) and what it tells people
 * about (task.*, the overdue digest).
 */
export const CONSUMED_EVENT_TYPES: EventType[] = [
  'user.registered',
  'user.updated',
  'project.created',
  'project.deleted',
  'project.member_added',
  'project.member_removed',
  'task.created',
  'task.updated',
  'task.deleted',
  'task.assigned',
  'task.commented',
  'task.comment_deleted',
  'task.reminder_due',
  'user.overdue_digest_due',
  'user.password_reset_requested',
  'session.revoked',
];

export interface EventsConsumerOptions {
  broker: Broker;
  logger: Logger;
  events: EventService;
  /** Where ended sessions are recorded (the token verifier asks it), and how their sockets are closed. */
  sessions: { revoked: RevokedSessions; disconnect(sessionId: string): void };
  queue: string;
  metrics?: Metrics;
  prefetch?: number;
  queueExpiresMs?: number;
  retryDelaysMs?: number[];
}

/**
 * A route for messages: the kit validates each envelope (a mismatch goes to `<queue>.dlq` at
 * once), the domain stores and pushes, and only then is the message acked. A failure is retried
 * with back-off, so a Redis outage delays notifications but never loses them.
 */
export function startEventsConsumer(opts: EventsConsumerOptions): Promise<Consumer> {
  return startConsumer({
    broker: opts.broker,
    logger: opts.logger,
    queue: opts.queue,
    metrics: opts.metrics,
    eventTypes: CONSUMED_EVENT_TYPES,
    prefetch: opts.prefetch,
    queueExpiresMs: opts.queueExpiresMs,
    retryDelaysMs: opts.retryDelaysMs,
    handle: async (event) => {
      if (event.type === 'session.revoked') {
        await opts.sessions.revoked.revoke(event.data.sessionId);
        opts.sessions.disconnect(event.data.sessionId);
        return;
      }
      await opts.events.handle(event);
    },
  });
}
