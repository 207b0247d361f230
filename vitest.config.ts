import { defineConfig } from 'vitest/config';

// Unit and component tests of packages and services. They run against the machine's real
// PostgreSQL / Redis / RabbitMQ and isolate themselves (own database, key prefix, queue names),
// so there is no global setup. Two cores: at most two test files at a time.
export default defineConfig({
  test: {
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
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
