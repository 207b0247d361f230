import { amqpEnv, appUrlEnv, baseEnv, databaseEnv, httpEnv, jwksEnv, jwtEnv } from '@taskflow/service-kit/config';
import { z } from 'zod';

export const configSchema = baseEnv
  .extend(httpEnv(3002).shape)
  .extend(databaseEnv('taskflow_tasks').shape)
  .extend(amqpEnv.shape)
  .extend(jwtEnv.shape)
  .extend(jwksEnv.shape)
  .extend(appUrlEnv.shape)
  .extend({
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    REMINDER_TICK_MS: z.coerce.number().int().min(50).default(15_000),
  });

export type Config = z.infer<typeof configSchema>;

export const PRODUCER = 'tasks';

export const queueName = (prefix: string): string => `${prefix}.tasks`;
