import {
  amqpEnv,
  appUrlEnv,
  baseEnv,
  databaseEnv,
  httpEnv,
  jwksEnv,
  jwtEnv,
  redisEnv,
} from '@taskflow/service-kit/config';
import { z } from 'zod';

/** The environment of the tasks service; parsed once in main.ts. */
export const tasksEnv = baseEnv
  .extend(httpEnv(3002).shape)
  .extend(databaseEnv('taskflow_tasks').shape)
  .extend(amqpEnv.shape)
  .extend(jwtEnv.shape)
  .extend(jwksEnv.shape)
  .extend(appUrlEnv.shape)
  // Sessions auth ended early (session.revoked), shared by every instance.
  .extend(redisEnv.shape)
  .extend({
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** How often each instance looks for due reminders and overdue digests. */
    REMINDER_TICK_MS: z.coerce.number().int().min(50).default(15_000),
    /** The secret calendar feed addresses are derived from; generated when missing. Share it between instances. */
    CALENDAR_SECRET_FILE: z.string().min(1).default('.data/tasks-calendar-secret'),
  });

export type TasksConfig = z.infer<typeof tasksEnv>;

export const PRODUCER = 'tasks';

/** The durable queue this service consumes; every instance shares it (competing consumers). */
export const tasksQueue = (config: Pick<TasksConfig, 'QUEUE_PREFIX'>): string => `${config.QUEUE_PREFIX}.tasks`;
