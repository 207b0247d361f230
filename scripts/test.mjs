#!/usr/bin/env node
// `npm test`: the whole suite, in order, stopping at the first failure.
// Unit and component tests run against the machine's real PostgreSQL / Redis / RabbitMQ and isolate
// themselves; the browser tests start their own stack on separate ports (see playwright.config.ts).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  ensureChromium,
  ensureDockerCompose,
  ensureNginx,
  fail,
  ok,
  paint,
  repoRoot,
  run,
  step,
} from './lib/system.mjs';

// The test runners also write JSON reports here, so the closing line counts tests, not steps.
const reports = path.join(repoRoot, '.data', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestReport = path.join(reports, 'vitest.json');
const playwrightReport = path.join(reports, 'playwright.json');
process.env.PLAYWRIGHT_JSON_OUTPUT_FILE = playwrightReport;

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

const steps = [
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', 'lint'] },
  {
    name: 'unit and component tests',
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    // The system tests run `npm start`, which needs nginx before it checks anything else; the deployment
    // checks validate docker-compose.yml with docker-compose.
    prepare: () => ensureNginx() && ensureDockerCompose(),
    count: () => {
      const report = readJson(vitestReport);
      return (
        report && {
          passed: report.numPassedTests,
          failed: report.numFailedTests,
          skipped: report.numPendingTests + report.numTodoTests,
        }
      );
    },
  },
  {
    name: 'browser tests',
    command: ['npx', 'playwright', 'test', '--reporter=list,json'],
    count: () => {
      const stats = readJson(playwrightReport)?.stats;
      return stats && { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
    // Chromium is only needed here, so a missing browser does not block the other steps.
    prepare: () => ensureChromium(),
  },
];

let passedSteps = 0;
const tests = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
for (const [index, { name, command, prepare, count }] of steps.entries()) {
  step(`[${index + 1}/${steps.length}] ${name}: ${command.join(' ')}`);
  const stepStarted = Date.now();
  const status = prepare && !prepare() ? 1 : run(command[0], command.slice(1));
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  const counted = count?.();
  if (counted) for (const key of Object.keys(tests)) tests[key] += counted[key];
  if (status === 0) {
    passedSteps++;
    ok(`${name} passed (${seconds} s)`);
    continue;
  }
  // A step that failed without a test failing (types, lint, a crash) still counts as one failure.
  if (!counted?.failed) tests.failed++;
  fail(`${name} failed (exit code ${status}, ${seconds} s)`);
  const notRun = steps.slice(index + 1).map((s) => s.name);
  if (notRun.length) console.log(paint('2', `not run: ${notRun.join(', ')}`));
  break;
}

const failedSteps = passedSteps < steps.length;
console.log(
  paint('2', `\n${passedSteps} of ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s`),
);
const skipped = tests.skipped ? `, ${tests.skipped} skipped` : '';
console.log(paint(failedSteps ? '1;31' : '1;32', `tests: ${tests.passed} passed, ${tests.failed} failed${skipped}`));
process.exit(failedSteps ? 1 : 0);
