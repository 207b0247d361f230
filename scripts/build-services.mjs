#!/usr/bin/env node
// Bundles each service's TypeScript (and the workspace packages it imports) into
// services/<name>/dist/main.mjs, so production runs plain `node` — no TypeScript loader in memory or
// at start-up (ADR 001). Third-party packages stay external and load from node_modules.
import { build, stop } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVICES = ['auth', 'tasks', 'notifications'];
/** The services with a database: each also gets dist/migrate.mjs (scripts/migrate.ts), the migrations Job. */
export const MIGRATED_SERVICES = ['auth', 'tasks'];

/** Bundle our own code (relative imports and @taskflow/*); leave every other bare import to Node. */
const externalizeThirdParty = {
  name: 'externalize-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@taskflow/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** `distOf(name)`: where a service's files go (services/<name>/dist; a test builds elsewhere). */
export async function buildServices(
  names = SERVICES,
  { distOf = (name) => path.join(repoRoot, 'services', name, 'dist') } = {},
) {
  const buildOptions = (name, entry, output) => ({ ...bundleOptions(entry), outfile: path.join(distOf(name), output) });
  try {
    await Promise.all([
      ...names.map((name) => build(buildOptions(name, path.join('services', name, 'src', 'main.ts'), 'main.mjs'))),
      ...names
        .filter((name) => MIGRATED_SERVICES.includes(name))
        .map((name) => build(buildOptions(name, path.join('scripts', 'migrate.ts'), 'migrate.mjs'))),
    ]);
  } finally {
    // esbuild keeps a service process alive for later calls. start.mjs bundles once and then supervises the
    // stack for hours: an idle esbuild left as its child would outlive a stop by a moment (it only notices
    // its parent is gone when its stdin closes) and show up as a stray to whoever waits for the stack to end.
    await stop();
  }
}

function bundleOptions(entry) {
  return {
    entryPoints: [path.join(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [externalizeThirdParty],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServices();
  console.log(`built ${SERVICES.map((s) => `services/${s}/dist/main.mjs`).join(', ')}`);
}
