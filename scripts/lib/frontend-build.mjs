// The built SPA (frontend/dist) and whether it is older than its sources. Node built-ins only.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './system.mjs';

export const distDir = path.join(repoRoot, 'frontend', 'dist');

/** What the SPA bundle is built from: a change in any of them means a rebuild. */
const SOURCES = [
  'frontend/src',
  'frontend/index.html',
  'frontend/vite.config.ts',
  'frontend/public',
  'packages/contracts/src',
];

function newestMtime(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file bumps its directory
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** True when frontend/dist/index.html is newer than every source of the bundle. */
export function isDistFresh() {
  const built = newestMtime(path.join(distDir, 'index.html'));
  if (!built) return false;
  return SOURCES.every((source) => newestMtime(path.join(repoRoot, source)) <= built);
}
