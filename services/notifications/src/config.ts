import { z } from 'zod';
import { amqpEnv, appUrlEnv, baseEnv, httpEnv, jwksEnv, jwtEnv, redisEnv, smtpEnv } from '@taskflow/service-kit/config';

/** The environment of the notifications service; parsed once in main.ts. */
export const notificationsEnv = baseEnv
  .extend(httpEnv(3003).shape)
  .extend(amqpEnv.shape)
  .extend(redisEnv.shape)
  .extend(jwtEnv.shape)
  .extend(jwksEnv.shape)
  .extend(appUrlEnv.shape)
  .extend(smtpEnv.shape)
  .extend({
    /** How long a recipient's first pending email waits for others to join it in one email. */
    EMAIL_BATCH_MS: z.coerce.number().int().min(0).default(120_000),
    /** How often each instance looks for email that is due. */
    EMAIL_TICK_MS: z.coerce.number().int().min(10).default(1000),
    /**
     * How long an instance's claim on a recipient's email holds off the others. A crashed instance's
     * claim expires after this, so it bounds how late its email goes; it must outlast one SMTP send.
     */
    EMAIL_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
    /**
     * Emails this instance hands the SMTP server per second, at most. Mail providers cap the rate
     * (and refuse what is over it), and a burst of emails (the reminders of 09:00) would otherwise
     * take the CPU that live notifications need. One dispatch round takes at most this many
     * recipients, so a round's sends never wait on the limit for more than a second.
     */
    SMTP_MAX_PER_SECOND: z.coerce.number().int().min(1).default(10),
    /** Consecutive SMTP failures that open the circuit, and how long it stays open before a probe. */
    SMTP_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
    SMTP_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).default(30_000),
  });

export type NotificationsConfig = z.infer<typeof notificationsEnv>;

/** The durable queue this service consumes; every instance shares it (competing consumers). */
export const notificationsQueue = (config: Pick<NotificationsConfig, 'QUEUE_PREFIX'>): string =>
  `${config.QUEUE_PREFIX}.notifications`;
