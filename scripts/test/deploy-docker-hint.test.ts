// `npm start` on a machine without PostgreSQL, Redis or RabbitMQ but with Docker points to
// `docker compose up`; without Docker it does not. The machine is a PATH: a folder holding the
// commands start.mjs looks for (sh, nginx, and — in the first case — a `docker`, whose presence is all
// that matters: start.mjs never runs it).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../system/stack';
import { repoRoot } from './deploy-env';

const bin = mkdtempSync(path.join(tmpdir(), 'tf-path-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));
for (const command of ['sh', 'nginx']) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(found, path.join(bin, command));
}

async function startWithoutBackingServices(): Promise<string> {
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const [gateway, auth, tasks, notifications, smtp, web] = ports.map(String);
  const result = spawnSync(process.execPath, ['scripts/start.mjs', '--no-install', '--no-build'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: bin,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      PORT: gateway,
      AUTH_PORT: auth,
      TASKS_PORT: tasks,
      NOTIFICATIONS_PORT: notifications,
      MAIL_SMTP_PORT: smtp,
      MAIL_WEB_PORT: web,
      // Ports nothing listens on: as on a laptop that has none of the three.
      DATABASE_URL: 'postgres://postgres@127.0.0.1:3',
      REDIS_URL: 'redis://127.0.0.1:1',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:2',
    },
  });
  expect(result.status).toBe(1);
  return `${result.stdout}${result.stderr}`;
}

it('without Docker, npm start only says how to start each backing service', async () => {
  const output = await startWithoutBackingServices();
  expect(output).toMatch(/PostgreSQL is not reachable at 127\.0\.0\.1:3/);
  expect(output).not.toMatch(/docker compose/);
});

it('with Docker installed, npm start also points to docker compose up', async () => {
  const docker = path.join(bin, 'docker');
  writeFileSync(docker, '#!/bin/sh\nexit 0\n');
  chmodSync(docker, 0o755);
  const output = await startWithoutBackingServices();
  expect(output).toMatch(/Redis is not reachable/);
  expect(output).toMatch(/`docker compose up --build` runs the whole of TaskFlow in containers/);
});
