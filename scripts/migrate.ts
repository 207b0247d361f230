// Applies one service's database migrations, then exits: the deployment's migrations Job runs it before a
// rollout (`node services/<name>/dist/migrate.mjs` in the service's image). build-services.mjs bundles it
// next to the service's main.mjs, so `../drizzle` is that service's migrations folder. The services still
// migrate at start (under the same advisory lock); after this has run, that is a no-op.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '@taskflow/service-kit/config';
import { createPool, ensureDatabase, runMigrations } from '@taskflow/service-kit/db';

// No default: a Job that migrated a database nobody named would be worse than one that stops.
const { DATABASE_URL } = loadConfig(z.object({ DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//) }));
const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

await ensureDatabase(DATABASE_URL);
const pool = createPool(DATABASE_URL, 1);
try {
  await runMigrations(pool, migrationsFolder);
  console.log(JSON.stringify({ level: 'info', msg: 'migrations applied', migrationsFolder }));
} finally {
  await pool.end();
}
