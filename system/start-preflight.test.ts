import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { freePort } from './stack';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** `npm start` on a machine where a backing service is down: it names it, says how to start it, exits 1. */
it('npm start names each unreachable backing service, its address and how to start it, and exits non-zero', async () => {
  // Free ports, so neither a running stack nor another test's sockets can get in the way.
  const [gateway, auth, tasks, notifications, smtp, web] = await Promise.all(Array.from({ length: 6 }, freePort));
  const result = spawnSync(process.execPath, ['scripts/start.mjs', '--no-install', '--no-build'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      PORT: String(gateway),
      AUTH_PORT: String(auth),
      TASKS_PORT: String(tasks),
      NOTIFICATIONS_PORT: String(notifications),
      MAIL_SMTP_PORT: String(smtp),
      MAIL_WEB_PORT: String(web),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
      REDIS_URL: 'redis://127.0.0.1:1',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:2',
    },
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status).toBe(1);
  expect(output).toMatch(/Redis is not reachable at 127\.0\.0\.1:1/);
  expect(output).toMatch(/redis-server --daemonize yes/);
  expect(output).toMatch(/RabbitMQ is not reachable at 127\.0\.0\.1:2/);
  expect(output).toMatch(/rabbitmq-server -detached/);
  // PostgreSQL is up, so it is not reported.
  expect(output).not.toMatch(/PostgreSQL is not reachable/);
  // Nothing was started.
  expect(output).not.toMatch(/Starting the services/);
});
