import type { Broker } from '@taskflow/service-kit/broker';
import { startConsumer, type Consumer } from '@taskflow/service-kit/consumer';
import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import type { RevokedSessions } from '@taskflow/service-kit/revocation';
import type { createUsersService } from '../domain/user.service';

export interface UserEventsConsumerOptions {
  broker: Broker;
  logger: Logger;
  queue: string;
  users: ReturnType<typeof createUsersService>;
  revokedSessions: RevokedSessions;
  metrics?: Metrics;
  prefetch?: number;
  queueExpiresMs?: number;
}

/**
 * Feeds the user directory (and personal projects) from auth's `user.*` events, and the list of
 * ended sessions whose tokens are refused from `session.revoked`.
 */
export function startUserEventsConsumer(opts: UserEventsConsumerOptions): Promise<Consumer> {
  return startConsumer({
    broker: opts.broker,
    logger: opts.logger,
    queue: opts.queue,
    metrics: opts.metrics,
    eventTypes: ['user.registered', 'user.updated', 'session.revoked'],
    prefetch: opts.prefetch,
    queueExpiresMs: opts.queueExpiresMs,
    handle: async (event) => {
      if (event.type === 'user.registered' || event.type === 'user.updated') await opts.users.applyUserEvent(event);
      if (event.type === 'session.revoked') await opts.revokedSessions.revoke(event.data.sessionId);
    },
  });
}
