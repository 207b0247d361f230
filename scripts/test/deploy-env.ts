// What every deployment of TaskFlow (docker-compose.yml, the Kubernetes overlays) must give each service,
// derived from the services' own config schemas, so a key added there is checked here without an edit.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { appUrlEnv, parseConfig } from '@taskflow/service-kit/config';
import { authEnv } from '../../services/auth/src/config';
import { notificationsEnv } from '../../services/notifications/src/config';
import { tasksEnv } from '../../services/tasks/src/config';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const readRepoFile = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');
export const repoFileExists = (file: string): boolean => existsSync(path.join(repoRoot, file));

export const SERVICE_SCHEMAS = { auth: authEnv, tasks: tasksEnv, notifications: notificationsEnv } as const;
export type ServiceName = keyof typeof SERVICE_SCHEMAS;
export const SERVICE_NAMES = Object.keys(SERVICE_SCHEMAS) as ServiceName[];

/** The address a browser uses (APP_URL): localhost is right for it on a laptop; it names no backing service. */
export const PUBLIC_URL_KEYS = new Set(Object.keys(appUrlEnv.shape));

const isLocalUrl = (value: string): boolean => {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(value).hostname);
  } catch {
    return false;
  }
};

/**
 * Keys a deployment must set: those without a default, and those whose default only makes sense on a
 * developer's machine — a URL to localhost (PostgreSQL, RabbitMQ, Redis, SMTP, the JWKS) or a relative
 * path under the checkout (a generated secret every instance must share).
 */
export function keysADeploymentMustSet(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const parsed = (field as z.ZodType).safeParse(undefined);
    if (!parsed.success) return [key];
    const value = parsed.data;
    if (typeof value !== 'string') return [];
    return isLocalUrl(value) || (/^\.{0,2}[\w-]*\//.test(value) && !value.startsWith('/')) ? [key] : [];
  });
}

/**
 * The problems with `env` as a deployment of `service`: a key it must set and does not, a value its schema
 * rejects, a backing-service URL whose host is not one of `hosts`.
 */
export function deploymentEnvProblems(
  service: ServiceName,
  env: Record<string, string>,
  hosts: (host: string) => boolean,
): string[] {
  const schema = SERVICE_SCHEMAS[service];
  const problems = keysADeploymentMustSet(schema)
    .filter((key) => env[key] === undefined)
    .map((key) => `${service}: ${key} is not set`);
  try {
    parseConfig(schema, env);
  } catch (err) {
    problems.push(`${service}: ${(err as Error).message}`);
  }
  for (const [key, value] of Object.entries(env)) {
    if (!key.endsWith('_URL') || PUBLIC_URL_KEYS.has(key)) continue;
    const host = new URL(value).hostname;
    if (!hosts(host)) problems.push(`${service}: ${key} names host ${host}, which this deployment does not run`);
  }
  return problems;
}
