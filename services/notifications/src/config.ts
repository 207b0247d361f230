import { z } from 'zod';
import { amqpEnv, appUrlEnv, baseEnv, httpEnv, jwksEnv, jwtEnv, redisEnv } from '@taskflow/service-kit/config';

/** The environment of the notifications service; parsed once in main.ts. */
export const notificationsEnv = baseEnv
  .extend(httpEnv(3003).shape)
  .extend(amqpEnv.shape)
  .extend(redisEnv.shape)
  .extend(jwtEnv.shape)
  .extend(jwksEnv.shape)
  .extend(appUrlEnv.shape);

export type NotificationsConfig = z.infer<typeof notificationsEnv>;

/** The durable queue this service consumes; every instance shares it (competing consumers). */
export const notificationsQueue = (config: Pick<NotificationsConfig, 'QUEUE_PREFIX'>): string =>
  `${config.QUEUE_PREFIX}.notifications`;
