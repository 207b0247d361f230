// Each boundary rule of eslint.config.js and .dependency-cruiser.cjs, fed a file that breaks it (the rule
// must fire) and files that keep it (nothing may fire). The checkers run with the repository's own config,
// as `npm run lint` runs them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('process.env is read only by the config reader (eslint)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: path.join(repoRoot, 'eslint.config.js') });
  });

  /** The env-rule messages for `code` linted as if it were the file at `file` (relative to the repo). */
  async function envProblems(code: string, file: string) {
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
    const messages = result?.messages ?? [];
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    return messages
      .filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports')
      .map((m) => m.message);
  }

  const spellings: Record<string, string> = {
    'process.env.X': 'export const url = process.env.DATABASE_URL;',
    "process.env['X']": "export const url = process.env['DATABASE_URL'];",
    "process['env']": "export const url = process['env'].DATABASE_URL;",
    'process[`env`]': 'export const url = process[`env`].DATABASE_URL;',
    'globalThis.process.env': 'export const url = globalThis.process.env.DATABASE_URL;',
    "globalThis['process']['env']": "export const url = globalThis['process']['env'].DATABASE_URL;",
    'const { env } = process': 'const { env } = process;\nexport const url = env.DATABASE_URL;',
    'const { env: renamed } = process': 'const { env: e } = process;\nexport const url = e.DATABASE_URL;',
    "const { ['env']: renamed } = process": "const { ['env']: e } = process;\nexport const url = e.DATABASE_URL;",
    'const { env } = globalThis.process': 'const { env } = globalThis.process;\nexport const url = env.DATABASE_URL;',
    '({ env } = process)': 'let e;\n({ env: e } = process);\nexport const url = e.DATABASE_URL;',
    'const { process: { env } } = globalThis':
      'const {\n  process: { env },\n} = globalThis;\nexport const url = env.DATABASE_URL;',
    'an alias of process': 'const proc = process;\nexport const url = proc.env.DATABASE_URL;',
    "import { env } from 'node:process'": "import { env } from 'node:process';\nexport const url = env.DATABASE_URL;",
    "import process from 'node:process'":
      "import process from 'node:process';\nexport const url = process.env.DATABASE_URL;",
    "import * as p from 'process'": "import * as proc from 'process';\nexport const url = proc.env.DATABASE_URL;",
  };

  for (const [spelling, code] of Object.entries(spellings)) {
    it(`fires on ${spelling} outside the config reader`, async () => {
      for (const file of ['services/tasks/src/domain/task.service.ts', 'packages/service-kit/src/db.ts']) {
        const problems = await envProblems(code, file);
        expect(problems.length, `${spelling} in ${file}`).toBeGreaterThan(0);
        expect(problems.join('\n')).toMatch(/process\.env is banned elsewhere/);
      }
    });
  }

  it('lets the rest of process and other objects named env through', async () => {
    const code = [
      'const { argv, pid } = process;',
      'const settings = { env: { mode: "x" } };',
      'const env = settings.env;',
      'export const values = [argv, pid, env.mode, process.argv, process.platform, globalThis.process.pid];',
      'export function fail() {',
      '  process.exitCode = 1;',
      '}',
    ].join('\n');
    expect(await envProblems(code, 'services/tasks/src/domain/task.service.ts')).toEqual([]);
  });

  it('lets the config reader and each service config read process.env', async () => {
    const code = 'const { env } = process;\nexport const url = process.env.DATABASE_URL ?? env.X;';
    for (const file of [
      'packages/service-kit/src/config.ts',
      'services/auth/src/config.ts',
      'services/tasks/src/config.ts',
      'services/notifications/src/config.ts',
    ]) {
      expect(await envProblems(code, file), file).toEqual([]);
    }
    // Only a service's own config.ts: the same name elsewhere is no config reader.
    expect(await envProblems(code, 'packages/contracts/src/config.ts')).not.toEqual([]);
    expect(await envProblems(code, 'services/tasks/src/domain/config.ts')).not.toEqual([]);
  });
});

describe('module boundaries (dependency-cruiser)', () => {
  // A throw-away tree shaped like the repository; node_modules is the repository's, so packages resolve.
  const fixture: Record<string, string> = {
    // --- a service: domain imports no infrastructure and does no I/O ---
    'services/x/src/domain/uses-express.ts': "import type { Request } from 'express';\nexport type R = Request;",
    'services/x/src/domain/uses-amqplib.ts': "import { connect } from 'amqplib';\nexport const c = connect;",
    'services/x/src/domain/uses-socket-io.ts': "import { Server } from 'socket.io';\nexport const s = Server;",
    'services/x/src/domain/uses-ioredis.ts': "import { Redis } from 'ioredis';\nexport const r = Redis;",
    'services/x/src/domain/uses-pg.ts': "import pg from 'pg';\nexport const p = pg;",
    'services/x/src/domain/uses-drizzle.ts': "import { eq } from 'drizzle-orm';\nexport const e = eq;",
    'services/x/src/domain/uses-drizzle-pg-core.ts':
      "import type { PgTable } from 'drizzle-orm/pg-core';\nexport type T = PgTable;",
    'services/x/src/domain/uses-jsonwebtoken.ts': "import jwt from 'jsonwebtoken';\nexport const j = jwt;",
    'services/x/src/domain/uses-nodemailer.ts': "import nodemailer from 'nodemailer';\nexport const n = nodemailer;",
    'services/x/src/domain/uses-node-fs.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
    'services/x/src/domain/uses-fs.ts': "import fs from 'fs';\nexport const f = fs;",
    'services/x/src/domain/uses-fs-promises.ts': "import { readFile } from 'fs/promises';\nexport const r = readFile;",
    'services/x/src/domain/uses-node-fs-promises.ts':
      "import { readFile } from 'node:fs/promises';\nexport const r = readFile;",
    'services/x/src/domain/uses-node-net.ts': "import net from 'node:net';\nexport const n = net;",
    'services/x/src/domain/uses-net.ts': "import net from 'net';\nexport const n = net;",
    'services/x/src/domain/uses-node-http.ts': "import http from 'node:http';\nexport const h = http;",
    'services/x/src/domain/uses-http.ts': "import http from 'http';\nexport const h = http;",
    'services/x/src/domain/task.service.ts': [
      "import { randomUUID } from 'node:crypto';",
      "import { z } from 'zod';",
      "import { findTask } from '../data/task.repository';",
      'export const getTask = (id: string) => findTask(z.string().parse(id) || randomUUID());',
    ].join('\n'),
    'services/x/src/data/task.repository.ts': [
      "import { eq } from 'drizzle-orm';",
      "import pg from 'pg';",
      'export const findTask = (id: string) => [eq, pg, id];',
    ].join('\n'),
    // --- a service: entry points reach data only through the domain ---
    'services/x/src/http/task.routes.ts': [
      "import express from 'express';",
      "import { getTask } from '../domain/task.service';",
      'export const router = [express, getTask];',
    ].join('\n'),
    'services/x/src/http/reads-data.routes.ts':
      "import { findTask } from '../data/task.repository';\nexport const f = findTask;",
    'services/x/src/messaging/reads-data.consumer.ts':
      "import { findTask } from '../data/task.repository';\nexport const f = findTask;",
    'services/x/src/realtime/reads-data.gateway.ts':
      "import { findTask } from '../data/task.repository';\nexport const f = findTask;",
    'services/x/src/jobs/reads-data.job.ts':
      "import { findTask } from '../data/task.repository';\nexport const f = findTask;",
    'services/x/src/jobs/reminder.job.ts':
      "import { getTask } from '../domain/task.service';\nexport const g = getTask;",
    // --- the frontend: features are independent, shared code imports no feature ---
    'frontend/src/features/a/api/get-a.ts':
      "import { format } from '../../../lib/format';\nexport const getA = format;",
    'frontend/src/features/a/components/a-view.tsx': "import { getA } from '../api/get-a';\nexport const view = getA;",
    'frontend/src/features/a/components/uses-b.tsx':
      "import { getB } from '../../b/api/get-b';\nexport const view = getB;",
    'frontend/src/features/b/api/get-b.ts':
      "import { Button } from '../../../components/ui/button';\nexport const getB = Button;",
    'frontend/src/components/ui/button.tsx':
      "import { format } from '../../lib/format';\nexport const Button = format;",
    'frontend/src/components/layout/uses-feature.tsx':
      "import { getB } from '../../features/b/api/get-b';\nexport const layout = getB;",
    'frontend/src/lib/format.ts': 'export const format = (s: string) => s.trim();',
    'frontend/src/lib/uses-feature.ts': "import { getA } from '../features/a/api/get-a';\nexport const lib = getA;",
    'frontend/src/app/router.tsx': [
      "import { view } from '../features/a/components/a-view';",
      "import { getB } from '../features/b/api/get-b';",
      'export const routes = [view, getB];',
    ].join('\n'),
  };

  const domainRule = 'domain-free-of-infrastructure';
  const ioRule = 'domain-does-no-io';
  const dataRule = 'entry-points-reach-data-through-the-domain';
  const expected = [
    [domainRule, 'services/x/src/domain/uses-express.ts'],
    [domainRule, 'services/x/src/domain/uses-amqplib.ts'],
    [domainRule, 'services/x/src/domain/uses-socket-io.ts'],
    [domainRule, 'services/x/src/domain/uses-ioredis.ts'],
    [domainRule, 'services/x/src/domain/uses-pg.ts'],
    [domainRule, 'services/x/src/domain/uses-drizzle.ts'],
    [domainRule, 'services/x/src/domain/uses-drizzle-pg-core.ts'],
    [domainRule, 'services/x/src/domain/uses-jsonwebtoken.ts'],
    [domainRule, 'services/x/src/domain/uses-nodemailer.ts'],
    [ioRule, 'services/x/src/domain/uses-node-fs.ts'],
    [ioRule, 'services/x/src/domain/uses-fs.ts'],
    [ioRule, 'services/x/src/domain/uses-fs-promises.ts'],
    [ioRule, 'services/x/src/domain/uses-node-fs-promises.ts'],
    [ioRule, 'services/x/src/domain/uses-node-net.ts'],
    [ioRule, 'services/x/src/domain/uses-net.ts'],
    [ioRule, 'services/x/src/domain/uses-node-http.ts'],
    [ioRule, 'services/x/src/domain/uses-http.ts'],
    [dataRule, 'services/x/src/http/reads-data.routes.ts'],
    [dataRule, 'services/x/src/messaging/reads-data.consumer.ts'],
    [dataRule, 'services/x/src/realtime/reads-data.gateway.ts'],
    [dataRule, 'services/x/src/jobs/reads-data.job.ts'],
    ['frontend-features-are-independent', 'frontend/src/features/a/components/uses-b.tsx'],
    ['frontend-shared-code-imports-no-feature', 'frontend/src/components/layout/uses-feature.tsx'],
    ['frontend-shared-code-imports-no-feature', 'frontend/src/lib/uses-feature.ts'],
  ].map(([rule, from]) => `${rule}: ${from}`);

  let dir: string;
  let violations: string[];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'taskflow-boundaries-'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
    for (const [file, code] of Object.entries(fixture)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), `${code}\n`);
    }
    const cli = path.join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const config = path.join(repoRoot, '.dependency-cruiser.cjs');
    const run = spawnSync(
      process.execPath,
      [cli, '--config', config, '--output-type', 'json', 'services', 'frontend/src'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(run.stdout, run.stderr).toMatch(/^\s*\{/);
    const report = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string }[] } };
    violations = report.summary.violations.map((v) => `${v.rule.name}: ${v.from}`);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const violation of expected) {
    it(`fires: ${violation}`, () => {
      expect(violations).toContain(violation);
    });
  }

  it('fires on nothing else: the compliant files of the tree pass', () => {
    expect([...violations].sort()).toEqual([...expected].sort());
  });
});
