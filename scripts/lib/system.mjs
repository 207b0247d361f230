// Machine prerequisites shared by start.mjs and test.mjs. Node built-ins only: this runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
export const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

export const step = (message) => console.log(`${paint('36', '▶')} ${message}`);
export const ok = (message) => console.log(`${paint('32', '✔')} ${message}`);
export const fail = (message) => console.error(`${paint('31', '✖')} ${message}`);

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command with inherited stdio; returns its exit status (1 when it could not start). */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, ...options });
  if (result.error) fail(`${command}: ${result.error.message}`);
  return result.status ?? 1;
}

/**
 * Makes sure a Debian package is installed (checked by `present()`): as root it runs apt-get itself
 * (an `apt-get update` first only if the plain install fails, e.g. on a fresh image), otherwise it
 * prints the command to run and returns false.
 */
export function ensureAptPackage(pkg, present, why) {
  if (present()) return true;
  const command = `apt-get install -y ${pkg}`;
  if (!isRoot()) {
    fail(`${pkg} is missing (${why}). Install it with:\n    sudo ${command}`);
    return false;
  }
  step(`Installing ${pkg} (${why}): ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let status = run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env });
  if (status !== 0) {
    step('apt-get install failed, refreshing package lists: apt-get update');
    run('apt-get', ['update'], { env });
    status = run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env });
  }
  if (status !== 0 || !present()) {
    fail(`Could not install ${pkg}; run "${command}" yourself and retry.`);
    return false;
  }
  ok(`${pkg} installed`);
  return true;
}

export const ensureNginx = () => ensureAptPackage('nginx', () => hasCommand('nginx'), 'the local gateway');
export const ensureDockerCompose = () =>
  ensureAptPackage('docker-compose', () => hasCommand('docker-compose'), 'validating docker-compose.yml');
export const ensureChromium = () =>
  ensureAptPackage('chromium', () => existsSync('/usr/bin/chromium'), 'the browser tests');

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const lock = path.join(repoRoot, 'package-lock.json');
  const installed = path.join(repoRoot, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && mtime(installed) >= mtime(lock)) return true;
  step('Installing dependencies: npm ci --no-audit --no-fund');
  // --include=dev: the build and the test tools are devDependencies, even if NODE_ENV=production is exported.
  const status = run('npm', ['ci', '--no-audit', '--no-fund', '--include=dev'], {
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (status !== 0) fail('npm ci failed (see above).');
  return status === 0;
}

/**
 * The fields of /proc/<pid>/stat after the command name (state, ppid, …, utime at [11], stime at [12]),
 * or undefined once the process is gone. The name may hold spaces and parentheses: split after the last ')'.
 */
export function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * True while the process runs. A zombie is not running: it has exited and only waits to be reaped, which an
 * orphan's new parent (PID 1 in a container) may take its time to do, though its /proc entry stays meanwhile.
 */
export function isRunning(pid) {
  const state = procStat(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** Pids of every process below `pid`, read from /proc. */
export function descendantsOf(pid) {
  const parentOf = new Map();
  for (const dir of readdirSync('/proc')) {
    if (!/^\d+$/.test(dir)) continue;
    const fields = procStat(dir);
    if (fields) parentOf.set(Number(dir), Number(fields[1])); // else the process ended while we looked
  }
  const found = [];
  const walk = (parent) => {
    for (const [child, ppid] of parentOf) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}
