// The stack's configuration: the environment, with the local defaults filled in (README.md, "Configuration", lists them).
import path from 'node:path';
import { repoRoot } from './system.mjs';

/** The URL of `database` on DATABASE_URL's server (the local PostgreSQL when it is not set). */
export function databaseOnServer(env, database) {
  const url = new URL(env.DATABASE_URL || 'postgres://postgres@localhost:5432');
  url.pathname = `/${database}`;
  return url.toString();
}

/** Database URL for one service: explicit variable, else DATABASE_URL's server with the service's db name. */
function databaseUrl(env, name, database) {
  return env[name] || databaseOnServer(env, database);
}

/**
 * With several instances (`npm start -- --instances N`), instance k of a service listens on its port + k × this:
 * auth 3001, 3101, …; tasks 3002, 3102, … (the services' own ports are consecutive, so their instances cannot be).
 */
export const INSTANCE_PORT_STRIDE = 100;

/**
 * V8 flags a service runs with wherever it runs (npm start, compose, Kubernetes): heap sizes that keep
 * each one's peak under 150 MB under load (docs/performance.md has the measurements).
 */
export const SERVICE_NODE_OPTIONS = {
  tasks: '--max-old-space-size=112 --max-semi-space-size=8',
  notifications: '--max-semi-space-size=4',
};
const nodeOptions = (source, name) => [source.NODE_OPTIONS, SERVICE_NODE_OPTIONS[name]].filter(Boolean).join(' ');

export function resolveConfig(source = process.env, { dev = false, instances = 1 } = {}) {
  const env = { ...source };
  const set = (name, value) => {
    if (env[name] === undefined || env[name] === '') env[name] = String(value);
  };
  set('PORT', 8080);
  set('AUTH_PORT', 3001);
  set('TASKS_PORT', 3002);
  set('NOTIFICATIONS_PORT', 3003);
  set('MAIL_SMTP_PORT', 1025);
  set('MAIL_WEB_PORT', 1080);
  env.AUTH_DATABASE_URL = databaseUrl(env, 'AUTH_DATABASE_URL', 'taskflow_auth');
  env.TASKS_DATABASE_URL = databaseUrl(env, 'TASKS_DATABASE_URL', 'taskflow_tasks');
  set('REDIS_URL', 'redis://localhost:6379');
  set('REDIS_KEY_PREFIX', 'taskflow:');
  set('AMQP_URL', 'amqp://guest:guest@localhost:5672');
  set('EVENTS_EXCHANGE', 'taskflow.events');
  set('QUEUE_PREFIX', 'taskflow');
  set('APP_URL', `http://localhost:${dev ? 5173 : env.PORT}`);
  set('SMTP_URL', `smtp://127.0.0.1:${env.MAIL_SMTP_PORT}`);
  set('AUTH_KEY_FILE', path.join(repoRoot, '.data', 'auth-signing-key.pem'));
  set('CALENDAR_SECRET_FILE', path.join(repoRoot, '.data', 'tasks-calendar-secret'));
  set('LOG_LEVEL', 'info');
  set('NODE_ENV', dev ? 'development' : 'production');
  // A production build on this machine: the services accept the local defaults (guest:guest, no
  // database password, a generated signing key) that a real deployment must not use.
  set('ALLOW_DEVELOPMENT_DEFAULTS', 'true');

  const port = (name) => {
    const value = Number(env[name]);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name}=${env[name]} is not a port`);
    return value;
  };
  const ports = {
    gateway: port('PORT'),
    auth: port('AUTH_PORT'),
    tasks: port('TASKS_PORT'),
    notifications: port('NOTIFICATIONS_PORT'),
    mailSmtp: port('MAIL_SMTP_PORT'),
    mailWeb: port('MAIL_WEB_PORT'),
  };
  const jwksUrl = `http://127.0.0.1:${ports.auth}/api/auth/.well-known/jwks.json`;
  const services = [
    { name: 'auth', port: ports.auth, env: { PORT: String(ports.auth), DATABASE_URL: env.AUTH_DATABASE_URL } },
    {
      name: 'tasks',
      port: ports.tasks,
      env: {
        PORT: String(ports.tasks),
        DATABASE_URL: env.TASKS_DATABASE_URL,
        AUTH_JWKS_URL: jwksUrl,
        NODE_OPTIONS: nodeOptions(source, 'tasks'),
      },
    },
    {
      name: 'notifications',
      port: ports.notifications,
      env: {
        PORT: String(ports.notifications),
        AUTH_JWKS_URL: jwksUrl,
        NODE_OPTIONS: nodeOptions(source, 'notifications'),
      },
    },
  ];
  for (const service of services) {
    service.ports = Array.from({ length: instances }, (_, k) => service.port + k * INSTANCE_PORT_STRIDE);
  }
  return { env, ports, services };
}
