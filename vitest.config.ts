import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Three projects, run by `npx vitest run` (one at a time: `--project node` / `frontend` / `faults`).
// - node: unit and component tests of packages and services. They run against the machine's real
//   PostgreSQL / Redis / RabbitMQ and isolate themselves (own database, key prefix, queue names), so
//   there is no global setup.
// - frontend: the SPA's hooks and components in jsdom, talking HTTP to a server each test starts.
// - faults: system tests that load both cores for minutes (bursts of 1 000 through real processes,
//   a RabbitMQ node of their own). They run after the other two, one file at a time, so neither
//   slows the other's timings.
// Two cores: at most two test files at a time, across node and frontend.
const FAULT_TESTS = 'system/**/*.faults.test.ts';

export default defineConfig({
  test: {
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'packages/*/test/**/*.test.ts',
            'services/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'system/**/*.test.ts',
            'scripts/test/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**', '.data/**', FAULT_TESTS],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          include: [FAULT_TESTS],
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        resolve: { alias: { '@': fileURLToPath(new URL('./frontend/src', import.meta.url)) } },
        test: {
          name: 'frontend',
          include: ['frontend/src/**/*.test.{ts,tsx}', 'frontend/test/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['frontend/test/setup.ts'],
        },
      },
    ],
  },
});
