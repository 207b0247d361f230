// The processes `npm start` runs in one terminal: each child's output is forwarded with a coloured label;
// one child exiting unexpectedly stops them all; Ctrl-C (or SIGTERM/SIGHUP) stops them gracefully, a second
// Ctrl-C kills them. Node built-ins only.
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import readline from 'node:readline';
import { sleep } from './net.mjs';
import { descendantsOf, fail, isRunning, ok, paint, repoRoot, step } from './system.mjs';

const COLORS = ['35', '33', '32', '34', '36', '95', '93'];

/**
 * Starts supervising: installs the signal and exit handlers and writes `pidFile`.
 * `names` are every child's label (for the label width); `env` is the default environment of a child.
 */
export function createSupervisor({ env, names, pidFile, stopTimeoutMs }) {
  const children = [];
  const labelWidth = Math.max(...names.map((n) => n.length)) + 2;
  let stopping = false;

  function startChild(name, command, args, childEnv = env) {
    // A stop may begin while we are still starting things (Ctrl-C during startup): start nothing more.
    if (stopping) return { name, lastLines: [], exited: true };
    const color = COLORS[children.length % COLORS.length];
    const label = paint(color, `[${name}]`.padEnd(labelWidth));
    // Each child gets its own process group: a Ctrl-C (or a supervisor's group-wide SIGTERM) reaches only us,
    // and we send exactly one SIGTERM per child. A second signal makes the services skip their graceful drain.
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const entry = { name, child, lastLines: [], exited: false };
    const forward = (stream, out) =>
      readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        entry.lastLines.push(line);
        if (entry.lastLines.length > 20) entry.lastLines.shift();
        out.write(`${label} ${line}\n`);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    const onGone = (reason) => {
      if (entry.exited) return;
      entry.exited = true;
      // Ctrl-C reaches the children too; give our own SIGINT handler a moment to mark the stop as intended.
      setTimeout(() => {
        if (stopping) return;
        fail(`${name} exited unexpectedly (${reason}); stopping everything.`);
        printLastLines(entry);
        void stop(1);
      }, 300);
    };
    child.on('exit', (code, signal) => onGone(signal ? `signal ${signal}` : `exit code ${code}`));
    child.on('error', (error) => onGone(error.message));
    children.push(entry);
    return entry;
  }

  function printLastLines(entry) {
    if (!entry.lastLines.length) return;
    console.error(paint('2', `  last lines of ${entry.name}:`));
    for (const line of entry.lastLines.slice(-10)) console.error(paint('2', `    ${line}`));
  }

  async function stop(code) {
    if (stopping) return;
    stopping = true;
    step('Stopping TaskFlow…');
    const running = children.filter((entry) => !entry.exited);
    // Remember each tree now: once a parent is gone its children are re-parented and we lose them.
    const trees = new Map(running.map((entry) => [entry, existsSync('/proc') ? descendantsOf(entry.child.pid) : []]));
    for (const entry of running) entry.child.kill('SIGTERM');
    const deadline = Date.now() + stopTimeoutMs;
    while (children.some((entry) => !entry.exited) && Date.now() < deadline) await sleep(100);
    // Helpers of a child (tsx's esbuild, vite's workers) may outlive it by a moment; then they are strays.
    const strays = () => running.flatMap((entry) => trees.get(entry).filter(isRunning));
    for (let waited = 0; strays().length && waited < 2000; waited += 100) await sleep(100);
    for (const entry of running) {
      if (!entry.exited) fail(`${entry.name} did not stop within ${stopTimeoutMs / 1000} s: killing it`);
      killTree(entry.child.pid, trees.get(entry));
    }
    rmSync(pidFile, { force: true });
    if (code === 0) ok('TaskFlow stopped');
    process.exit(code);
  }

  /** Polls `probe` until it resolves true (→ true), the timeout passes or a stop begins (→ false). */
  async function waitFor(probe, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (!stopping && Date.now() < deadline) {
      if (await probe()) return true;
      await sleep(300);
    }
    return false;
  }

  /** Once a stop has begun, the startup sequence waits here for stop() to end the process. */
  const parkIfStopping = () => (stopping ? new Promise(() => {}) : Promise.resolve());

  // Last resort if we exit without a clean stop (crash, second Ctrl-C): leave nothing running.
  process.on('exit', () => {
    for (const entry of children) if (!entry.exited) killTree(entry.child.pid);
    rmSync(pidFile, { force: true });
  });
  process.on('uncaughtException', (error) => {
    fail(`start.mjs crashed: ${error.stack ?? error}`);
    void stop(1);
  });
  let interrupts = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (++interrupts > 1 && signal === 'SIGINT') {
        fail('Second Ctrl-C: killing everything now');
        process.exit(1); // the 'exit' handler kills every process group
      }
      void stop(0);
    });
  }
  writeFileSync(pidFile, `${process.pid}\n`);

  return { startChild, printLastLines, stop, waitFor, parkIfStopping, isStopping: () => stopping };
}

function killTree(pid, descendants = []) {
  for (const target of [-pid, pid, ...descendants]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
