import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Express } from 'express';
import { listRoutes } from './routes';

/**
 * Test helpers that keep each service's OpenAPI document honest: the routes the Express app really
 * registers versus the operations the document lists, and Redocly's linter.
 */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * `METHOD /path` of every route of an Express 5 app under `/api/`, walking mounted routers, with
 * `:param` written as OpenAPI's `{param}`.
 */
export function listApiRoutes(app: Express): string[] {
  return listRoutes(app)
    .filter((route) => route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
    .sort();
}

/** `METHOD /path` of every operation of an OpenAPI document. */
export function listDocumentedOperations(doc: { paths?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths ?? {})
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => HTTP_METHODS.includes(key))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

/**
 * Redocly's `recommended` ruleset, plus what we decided differently. Every other rule stays at its
 * recommended severity, and tests expect no problems beyond the ones they list with a reason.
 */
export const redoclyConfig = {
  extends: ['recommended'],
  telemetry: 'off',
  rules: {
    // TaskFlow is not published under a licence; naming one in the documents would be false.
    'info-license': 'off',
  },
};

export interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  pointer: string;
}

/**
 * Lints a document with `@redocly/cli lint`. Its releases are a single bundle without a documented
 * Node API (`@redocly/openapi-core` is not a dependency of ours), so this runs the CLI on a temp file.
 */
export function lintOpenApi(doc: object): LintProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'tf-openapi-'));
  try {
    const docFile = join(dir, 'openapi.json');
    const configFile = join(dir, 'redocly.yaml');
    writeFileSync(docFile, JSON.stringify(doc));
    writeFileSync(configFile, JSON.stringify(redoclyConfig)); // JSON is YAML
    const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', docFile, '--config', configFile, '--format', 'json'], {
      encoding: 'utf8',
      // Only what the linter needs: no telemetry, no update check, no colour codes in the report.
      env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      timeout: 60_000,
    });
    const start = run.stdout.indexOf('{');
    if (start < 0) throw new Error(`redocly lint printed no report (exit ${run.status}): ${run.stderr}`);
    const report = JSON.parse(run.stdout.slice(start)) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
    };
    return report.problems.map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      pointer: p.location[0]?.pointer ?? '',
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
