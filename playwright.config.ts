import path from 'node:path';
import { defineConfig } from '@playwright/test';

// One id per `playwright test` run. Workers re-evaluate this file but inherit the environment,
// so they see the same id; e2e/global-teardown.ts uses it to remove what the run created.
process.env.TASKFLOW_E2E_RUN_ID ||= Date.now().toString(36);
const runId = process.env.TASKFLOW_E2E_RUN_ID;

// The test stack runs on its own ports and state, so it never touches a developer's running stack.
export const e2eStack = {
  port: 18080,
  mailWebPort: 11080,
  databases: [`taskflow_e2e_${runId}_auth`, `taskflow_e2e_${runId}_tasks`],
  redisKeyPrefix: `taskflow-e2e-${runId}:`,
  eventsExchange: `taskflow.e2e.${runId}`,
  queuePrefix: `taskflow-e2e-${runId}`,
  dataDir: path.join(import.meta.dirname, '.data', `e2e-${runId}`),
};
// For the tests (mail catcher API: GET <url>/email).
process.env.E2E_MAIL_URL ||= `http://127.0.0.1:${e2eStack.mailWebPort}`;

const postgres = process.env.DATABASE_URL || 'postgres://postgres@localhost:5432';
const databaseUrl = (name: string) => {
  const url = new URL(postgres);
  url.pathname = `/${name}`;
  return url.toString();
};

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: `http://localhost:${e2eStack.port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // Two instances of every service behind nginx, as a scaled deployment runs: everything the specs do
    // (live boards, bells, revocation, reminders, rate limits) must hold whichever instance answers.
    command: `node scripts/start.mjs --no-install --instances ${process.env.E2E_INSTANCES || '2'}`,
    url: `http://127.0.0.1:${e2eStack.port}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    // start.mjs stops its children on SIGTERM (≤ 10 s); the global teardown normally stops it first.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: process.env.E2E_STACK_LOGS ? 'pipe' : 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(e2eStack.port),
      AUTH_PORT: '13001',
      TASKS_PORT: '13002',
      NOTIFICATIONS_PORT: '13003',
      MAIL_SMTP_PORT: '11025',
      MAIL_WEB_PORT: String(e2eStack.mailWebPort),
      AUTH_DATABASE_URL: databaseUrl(e2eStack.databases[0]!),
      TASKS_DATABASE_URL: databaseUrl(e2eStack.databases[1]!),
      REDIS_KEY_PREFIX: e2eStack.redisKeyPrefix,
      EVENTS_EXCHANGE: e2eStack.eventsExchange,
      QUEUE_PREFIX: e2eStack.queuePrefix,
      QUEUE_EXPIRES_MS: '600000',
      AUTH_KEY_FILE: path.join(e2eStack.dataDir, 'auth-signing-key.pem'),
      CALENDAR_SECRET_FILE: path.join(e2eStack.dataDir, 'tasks-calendar-secret'),
      APP_URL: `http://localhost:${e2eStack.port}`,
      EMAIL_BATCH_MS: process.env.EMAIL_BATCH_MS || '1000',
      // Reminders and emails are looked for every second or faster, so a test waits seconds, not minutes.
      REMINDER_TICK_MS: process.env.REMINDER_TICK_MS || '1000',
      EMAIL_TICK_MS: process.env.EMAIL_TICK_MS || '500',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      NODE_ENV: 'production',
      TASKFLOW_E2E_RUN_ID: runId,
    },
  },
});
