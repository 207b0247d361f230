import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_V8_FLAGS } from '@taskflow/service-kit/v8-flags';

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

describe.each(SERVICES)('services/%s/dist/main.mjs', (name) => {
  it("sets the runtime V8 flags before any of the service's own code runs", () => {
    const main = readFileSync(path.join(out, name, 'main.mjs'), 'utf8');
    for (const flag of RUNTIME_V8_FLAGS) expect(main).toContain(JSON.stringify(flag));
    const flagsSet = main.indexOf('setFlagsFromString(flag)');
    expect(flagsSet).toBeGreaterThan(0);
    // esbuild writes each module's code in the order they run: the flags' module first.
    expect(/^\/\/ (\S+)$/m.exec(main)?.[1]).toBe('packages/service-kit/src/v8-flags.ts');
    expect(main.indexOf(`// services/${name}/src/main.ts`)).toBeGreaterThan(flagsSet);
  });
});
