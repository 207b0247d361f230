import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'drizzle-kit';

// Paths relative to this file, so `drizzle-kit generate --config services/tasks/drizzle.config.ts`
// works from the repository root as well as from this folder.
const here = (path: string) => relative(process.cwd(), fileURLToPath(new URL(path, import.meta.url))) || '.';

export default defineConfig({
  dialect: 'postgresql',
  schema: here('./src/data/schema.ts'),
  out: here('./drizzle'),
});
