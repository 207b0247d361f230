import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Two projects, run together by `npx vitest run` (one at a time: `--project node` / `--project frontend`).
// - node: unit and component tests of packages and services. They run against the machine's real
//   PostgreSQL / Redis / RabbitMQ and isolate themselves (own database, key prefix, queue names), so
//   there is no global setup.
// - frontend: the SPA's hooks and components in jsdom, talking HTTP to a server each test starts.
// Two cores: at most two test files at a time, across both projects.
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
          exclude: ['**/node_modules/**', '**/dist/**', '.data/**'],
          environment: 'node',
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
