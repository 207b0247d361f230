#!/usr/bin/env node
// `npm test`: the whole suite, in order, stopping at the first failure.
// Unit and component tests run against the machine's real PostgreSQL / Redis / RabbitMQ and isolate
// themselves; the browser tests start their own stack on separate ports (see playwright.config.ts).
import { ensureChromium, ensureNginx, fail, ok, paint, run, step } from './lib/system.mjs';

const steps = [
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', 'lint'] },
  { name: 'unit and component tests', command: ['npx', 'vitest', 'run'] },
  {
    name: 'browser tests',
    command: ['npx', 'playwright', 'test'],
    // Chromium is only needed here, so a missing browser does not block the other steps.
    prepare: () => ensureChromium() && ensureNginx(),
  },
];

let passed = 0;
let failed = 0;
const started = Date.now();
for (const [index, { name, command, prepare }] of steps.entries()) {
  step(`[${index + 1}/${steps.length}] ${name}: ${command.join(' ')}`);
  const stepStarted = Date.now();
  const status = prepare && !prepare() ? 1 : run(command[0], command.slice(1));
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  if (status === 0) {
    passed++;
    ok(`${name} passed (${seconds} s)`);
    continue;
  }
  failed++;
  fail(`${name} failed (exit code ${status}, ${seconds} s)`);
  const notRun = steps.slice(index + 1).map((s) => s.name);
  if (notRun.length) console.log(paint('2', `not run: ${notRun.join(', ')}`));
  break;
}

console.log(paint('2', `\ntotal time ${((Date.now() - started) / 1000).toFixed(0)} s`));
console.log(paint(failed ? '1;31' : '1;32', `${passed} passed, ${failed} failed`));
process.exit(failed ? 1 : 0);
