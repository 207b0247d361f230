import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_V8_FLAGS } from '../../packages/service-kit/src/v8-flags';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const { buildServices, SERVICES } = (await import(
  pathToFileURL(path.join(repoRoot, 'scripts/build-services.mjs')).href
)) as {
  buildServices(names?: string[], opts?: { distOf(name: string): string }): Promise<void>;
  SERVICES: string[];
};

// Built apart from services/*/dist, which `npm start` in another test may be building at the same time.
const out = mkdtempSync(path.join(tmpdir(), 'tf-build-'));
beforeAll(async () => {
  await buildServices(SERVICES, { distOf: (name) => path.join(out, name) });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(SERVICES)('services/%s/dist', (name) => {
  const dist = (file: string) => readFileSync(path.join(out, name, file), 'utf8');

  it('starts from main.mjs, which sets the runtime V8 flags before it loads the service', () => {
    const main = dist('main.mjs');
    // Nothing but node:v8 is imported statically: a static import would load before the flags are set.
    expect([...main.matchAll(/^import\b.*$/gm)].map((m) => m[0])).toEqual([
      'import { setFlagsFromString } from "node:v8";',
    ]);
    for (const flag of RUNTIME_V8_FLAGS) expect(main).toContain(JSON.stringify(flag));
    const flagsSet = main.indexOf('setRuntimeV8Flags();');
    const serviceLoaded = main.indexOf('await import(new URL("./service.mjs", import.meta.url).href)');
    expect(flagsSet).toBeGreaterThan(0);
    expect(serviceLoaded).toBeGreaterThan(flagsSet);
  });

  it('bundles the service itself into service.mjs', () => {
    expect(dist('service.mjs')).toContain(`// services/${name}/src/main.ts`);
  });
});
