import { z } from 'zod';

/**
 * The one place the kit reads process.env. Each service declares a zod schema of its environment
 * (composed from the fragments below) and calls loadConfig once in main.ts.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const problems = developmentDefaultsIn(result.data as Record<string, unknown>);
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/**
 * Whether this is a real deployment: NODE_ENV=production, and not the local stack (`npm start`
 * runs production builds on a developer's machine and says so with ALLOW_DEVELOPMENT_DEFAULTS).
 * There the development conveniences are refused: generated keys, guest:guest, password-less
 * databases.
 */
export const isStrictProduction = (config: { NODE_ENV?: unknown; ALLOW_DEVELOPMENT_DEFAULTS?: unknown }): boolean =>
  config.NODE_ENV === 'production' && config.ALLOW_DEVELOPMENT_DEFAULTS !== true;

function developmentDefaultsIn(config: Record<string, unknown>): string[] {
  if (!isStrictProduction(config)) return [];
  const problems: string[] = [];
  const credentialsOf = (value: unknown) => {
    try {
      const url = new URL(String(value));
      return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    } catch {
      return undefined;
    }
  };
  const amqp = config.AMQP_URL === undefined ? undefined : credentialsOf(config.AMQP_URL);
  if (amqp && (!amqp.password || (amqp.user === 'guest' && amqp.password === 'guest'))) {
    problems.push('AMQP_URL: in production it needs a user and password of its own, not guest:guest');
  }
  const database = config.DATABASE_URL === undefined ? undefined : credentialsOf(config.DATABASE_URL);
  if (database && !database.password) problems.push('DATABASE_URL: in production it needs a password');
  return problems;
}

/** Parses the process environment; on failure prints every bad key and exits with status 78 (EX_CONFIG). */
export function loadConfig<S extends z.ZodType>(schema: S): z.infer<S> {
  try {
    return parseConfig(schema, process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL with protocol ${protocols.join(' or ')}` },
  );

const port = z.coerce.number().int().min(0).max(65535);

export const baseEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Set by `npm start` only: a production build on a developer's machine, with its local defaults. */
  ALLOW_DEVELOPMENT_DEFAULTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

/**
 * Where the service listens. Only nginx should reach it, so the default is the loopback interface;
 * container images set `HOST=0.0.0.0` (the pod network is then the boundary).
 */
export const httpEnv = (defaultPort: number) =>
  z.object({ PORT: port.default(defaultPort), HOST: z.string().min(1).max(255).default('127.0.0.1') });

export const databaseEnv = (defaultDb: string) =>
  z.object({
    DATABASE_URL: url(['postgres:', 'postgresql:']).default(`postgres://postgres@localhost:5432/${defaultDb}`),
  });

export const amqpEnv = z.object({
  AMQP_URL: url(['amqp:', 'amqps:']).default('amqp://guest:guest@localhost:5672'),
  EVENTS_EXCHANGE: z.string().min(1).default('taskflow.events'),
  QUEUE_PREFIX: z.string().min(1).default('taskflow'),
  /** Only for throw-away test stacks: queues vanish after this long unused. */
  QUEUE_EXPIRES_MS: z.coerce.number().int().positive().optional(),
  CONSUMER_PREFETCH: z.coerce.number().int().min(1).max(1000).default(32),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
});

export const redisEnv = z.object({
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://localhost:6379'),
  REDIS_KEY_PREFIX: z.string().default('taskflow:'),
});

export const jwtEnv = z.object({
  JWT_ISSUER: z.string().min(1).default('taskflow-auth'),
  JWT_AUDIENCE: z.string().min(1).default('taskflow'),
});

export const jwksEnv = z.object({
  AUTH_JWKS_URL: url(['http:', 'https:']).default('http://localhost:3001/api/auth/.well-known/jwks.json'),
});

export const appUrlEnv = z.object({
  APP_URL: url(['http:', 'https:']).default('http://localhost:8080'),
});

/** Outgoing email: the SMTP server (a local mail catcher by default) and the sender. */
export const smtpEnv = z.object({
  SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
  EMAIL_FROM: z
    .string()
    .trim()
    .regex(/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/, 'must be an address, or a name and <address>')
    .default('TaskFlow <no-reply@taskflow.local>'),
});
