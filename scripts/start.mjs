#!/usr/bin/env node
// `npm start`: everything a newcomer needs on a fresh machine, then the whole stack in one terminal.
// `npm run dev` (--dev): the same with services under `node --watch` and the SPA from Vite.
// Node built-ins only: this file runs before `npm ci`.
//
// Flags: --dev, --no-build (serve the existing frontend/dist), --no-install (skip apt-get / npm ci;
// used by Playwright's webServer).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { resolveConfig } from './lib/config.mjs';
import { canConnect, endpointOf, hasIPv6, httpStatus, isPortFree, sleep } from './lib/net.mjs';
import {
  descendantsOf,
  ensureDependencies,
  ensureNginx,
  fail,
  hasCommand,
  isRoot,
  ok,
  paint,
  repoRoot,
  run,
  step,
} from './lib/system.mjs';

const KNOWN_FLAGS = new Set(['--dev', '--no-build', '--no-install', '--help']);
const flags = new Set(process.argv.slice(2));
for (const flag of flags) {
  if (!KNOWN_FLAGS.has(flag)) {
    fail(`Unknown option ${flag}. Usage: node scripts/start.mjs [--dev] [--no-build] [--no-install]`);
    process.exit(2);
  }
}
if (flags.has('--help')) {
  console.log('Usage: node scripts/start.mjs [--dev] [--no-build] [--no-install]  (configuration: see SPEC §9)');
  process.exit(0);
}
const dev = flags.has('--dev');
const VITE_PORT = 5173;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------- a, b
if (flags.has('--no-install')) {
  if (!hasCommand('nginx')) {
    fail('nginx is missing: run `npm start` once (it installs it) or `apt-get install -y nginx`.');
    process.exit(1);
  }
} else {
  step('Checking nginx');
  if (!ensureNginx()) process.exit(1);
  step('Checking dependencies (node_modules)');
  if (!ensureDependencies()) process.exit(1);
}

const { env, ports, services } = resolveConfig(process.env, { dev });
const prefix = path.join(repoRoot, '.data', `nginx-${ports.gateway}`);
const pidFile = path.join(repoRoot, '.data', `start-${ports.gateway}.pid`);

// ---------------------------------------------------------------------------------------------- ports
step('Checking that the ports are free');
{
  const wanted = [
    ['nginx', 'PORT', ports.gateway],
    ['auth', 'AUTH_PORT', ports.auth],
    ['tasks', 'TASKS_PORT', ports.tasks],
    ['notifications', 'NOTIFICATIONS_PORT', ports.notifications],
    ['mail catcher SMTP', 'MAIL_SMTP_PORT', ports.mailSmtp],
    ['mail catcher web', 'MAIL_WEB_PORT', ports.mailWeb],
    ...(dev ? [['vite', '(fixed)', VITE_PORT]] : []),
  ];
  const seen = new Map();
  const problems = [];
  for (const [name, variable, port] of wanted) {
    if (seen.has(port)) problems.push(`${name} and ${seen.get(port)} are both configured on port ${port}`);
    seen.set(port, name);
    if (await isPortFree(port)) continue;
    problems.push(
      port === ports.gateway
        ? `Port ${port} (${variable}, nginx) is already in use — another TaskFlow may be running (npm start in another terminal?). Stop it, or run on other ports, e.g. PORT=8081.`
        : `Port ${port} (${variable}, ${name}) is already in use — stop what listens there or set ${variable}.`,
    );
  }
  if (problems.length) {
    problems.forEach((problem) => fail(problem));
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------- c
step('Checking PostgreSQL, Redis and RabbitMQ');
{
  const START = {
    PostgreSQL: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    Redis:
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
    RabbitMQ: 'rabbitmq-server -detached',
  };
  const checks = [
    ['PostgreSQL', endpointOf(env.AUTH_DATABASE_URL, 5432)],
    ['PostgreSQL', endpointOf(env.TASKS_DATABASE_URL, 5432)],
    ['Redis', endpointOf(env.REDIS_URL, 6379)],
    ['RabbitMQ', endpointOf(env.AMQP_URL, 5672)],
  ];
  const unique = [...new Map(checks.map((c) => [`${c[0]} ${c[1].host}:${c[1].port}`, c])).values()];
  const results = await Promise.all(unique.map(([, { host, port }]) => canConnect(host, port, 2000)));
  const down = unique.filter((_, i) => !results[i]);
  for (const [name, { host, port }] of down) {
    fail(`${name} is not reachable at ${host}:${port}. Start it with:\n    ${START[name]}`);
  }
  if (down.length) process.exit(1);
}

// ---------------------------------------------------------------------------------------------- d
const distDir = path.join(repoRoot, 'frontend', 'dist');
if (dev) {
  step('Frontend: served by Vite with hot reload (no build)');
} else if (flags.has('--no-build')) {
  step('Frontend: --no-build, serving frontend/dist as it is');
} else if (isDistFresh()) {
  step('Frontend: frontend/dist is up to date');
} else {
  step('Building the frontend: npm run build --workspace frontend');
  if (run('npm', ['run', 'build', '--workspace', 'frontend']) !== 0) {
    fail('The frontend build failed (see above).');
    process.exit(1);
  }
}
if (!dev && !existsSync(path.join(distDir, 'index.html'))) {
  fail('frontend/dist/index.html is missing: run `npm run build` (or drop --no-build).');
  process.exit(1);
}
if (!dev) {
  // Sub-second with esbuild, so always: production runs plain `node`, without a TypeScript loader.
  step('Bundling the services (services/*/dist/main.mjs)');
  const { buildServices } = await import('./build-services.mjs');
  await buildServices();
}

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

function isDistFresh() {
  const built = newestMtime(path.join(distDir, 'index.html'));
  if (!built) return false;
  const sources = [
    'frontend/src',
    'frontend/index.html',
    'frontend/vite.config.ts',
    'frontend/public',
    'packages/contracts/src',
  ];
  return sources.every((source) => newestMtime(path.join(repoRoot, source)) <= built);
}

// ---------------------------------------------------------------------------------------------- nginx config
mkdirSync(path.dirname(env.AUTH_KEY_FILE), { recursive: true });
for (const dir of ['logs', 'temp']) mkdirSync(path.join(prefix, dir), { recursive: true });
const nginxConf = path.join(prefix, 'nginx.conf');
writeFileSync(nginxConf, renderNginxConf(await hasIPv6()));
{
  const check = spawnSync('nginx', nginxArgs('-t', '-q'), { encoding: 'utf8' });
  if (check.status !== 0) {
    fail(`The generated nginx config (${path.relative(repoRoot, nginxConf)}) is invalid:\n${check.stderr}`);
    process.exit(1);
  }
}

function nginxArgs(...extra) {
  return ['-p', prefix, '-c', nginxConf, '-e', path.join(prefix, 'logs', 'error.log'), ...extra];
}

function renderNginxConf(ipv6) {
  const values = {
    PREFIX: prefix,
    PORT: String(ports.gateway),
    LISTEN_V6: ipv6 ? `listen [::]:${ports.gateway};` : '# no IPv6 on this machine',
    AUTH_PORT: String(ports.auth),
    TASKS_PORT: String(ports.tasks),
    NOTIFICATIONS_PORT: String(ports.notifications),
    SPA_ROOT: distDir,
    PROXY_DIR: path.join(repoRoot, 'proxy'),
    // As root, workers would drop to `nobody`, who may not read a checkout under /root: run them as the
    // owner of the checkout instead. As another user the master cannot switch users anyway.
    USER_DIRECTIVE: isRoot() ? `user ${ownerOf(repoRoot)};` : '# workers run as the invoking user',
  };
  const template = readFileSync(path.join(repoRoot, 'proxy', 'nginx.conf.template'), 'utf8');
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (match, key) => {
    if (!(key in values)) throw new Error(`proxy/nginx.conf.template: unknown placeholder ${match}`);
    return values[key];
  });
}

function ownerOf(file) {
  const { uid, gid } = statSync(file);
  const nameOf = (database, id) =>
    readFileSync(database, 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => fields[2] === String(id))?.[0];
  const user = nameOf('/etc/passwd', uid) ?? 'root';
  const group = nameOf('/etc/group', gid) ?? user;
  return `${user} ${group}`;
}

// ---------------------------------------------------------------------------------------------- e, f
const COLORS = ['35', '33', '32', '34', '36', '95', '93'];
const children = [];
const labelWidth = Math.max(...['mail', 'nginx', 'vite', ...services.map((s) => s.name)].map((n) => n.length)) + 2;
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
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (children.some((entry) => !entry.exited) && Date.now() < deadline) await sleep(100);
  // Helpers of a child (tsx's esbuild, vite's workers) may outlive it by a moment; then they are strays.
  const strays = () => running.flatMap((entry) => trees.get(entry).filter((pid) => existsSync(`/proc/${pid}`)));
  for (let waited = 0; strays().length && waited < 2000; waited += 100) await sleep(100);
  for (const entry of running) {
    if (!entry.exited) fail(`${entry.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
    killTree(entry.child.pid, trees.get(entry));
  }
  rmSync(pidFile, { force: true });
  if (code === 0) ok('TaskFlow stopped');
  process.exit(code);
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

async function waitFor(description, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!stopping && Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(300);
  }
  return false;
}

/** Once a stop has begun, the startup sequence waits here for stop() to end the process. */
const parkIfStopping = () => (stopping ? new Promise(() => {}) : Promise.resolve());

writeFileSync(pidFile, `${process.pid}\n`);

step(`Starting the mail catcher (SMTP ${ports.mailSmtp}, web ${ports.mailWeb})`);
startChild('mail', path.join(repoRoot, 'node_modules', '.bin', 'maildev'), [
  '--smtp',
  String(ports.mailSmtp),
  '--web',
  String(ports.mailWeb),
  '--ip',
  '127.0.0.1',
  '--silent',
]);
if (!(await waitFor('mail', () => canConnect('127.0.0.1', ports.mailSmtp, 500), 15_000))) {
  if (!stopping) {
    fail(`The mail catcher is not listening on ${ports.mailSmtp} after 15 s.`);
    printLastLines(children[0]);
    await stop(1);
  }
}

await parkIfStopping();
step(`Starting the services: ${services.map((s) => `${s.name} :${s.port}`).join(', ')}`);
for (const service of services) {
  const entry = startChild(
    service.name,
    process.execPath,
    dev
      ? ['--import', 'tsx', '--watch', `services/${service.name}/src/main.ts`]
      : ['--enable-source-maps', `services/${service.name}/dist/main.mjs`],
    { ...env, ...service.env },
  );
  service.entry = entry;
}

step(`Waiting for the services to be ready (GET /readyz, up to ${READY_TIMEOUT_MS / 1000} s)`);
{
  const pending = new Set(services);
  await waitFor(
    'services',
    async () => {
      await Promise.all(
        [...pending].map(async (service) => {
          if ((await httpStatus(`http://127.0.0.1:${service.port}/readyz`, 2000)) === 200) {
            pending.delete(service);
            ok(`${service.name} is ready`);
          }
        }),
      );
      return pending.size === 0;
    },
    READY_TIMEOUT_MS,
  );
  if (pending.size && !stopping) {
    for (const service of pending) {
      fail(
        `${service.name} is not ready after ${READY_TIMEOUT_MS / 1000} s (GET http://127.0.0.1:${service.port}/readyz)`,
      );
      printLastLines(service.entry);
    }
    await stop(1);
  }
}

await parkIfStopping();
step(`Starting nginx on port ${ports.gateway} (config ${path.relative(repoRoot, nginxConf)})`);
const nginx = startChild('nginx', 'nginx', nginxArgs('-g', 'daemon off;'));
{
  let status = 0;
  const answered = await waitFor(
    'nginx',
    async () => (status = await httpStatus(`http://127.0.0.1:${ports.gateway}/`, 1000)) !== 0,
    15_000,
  );
  if (!answered && !stopping) {
    fail(
      `nginx does not answer on http://127.0.0.1:${ports.gateway}/ after 15 s (log: ${path.relative(repoRoot, prefix)}/logs/error.log)`,
    );
    printLastLines(nginx);
    await stop(1);
  }
  if (answered && status !== 200 && !dev)
    fail(`GET / through nginx answered ${status}, not 200: is frontend/dist complete?`);
}

await parkIfStopping();
if (dev) {
  step(`Starting Vite on port ${VITE_PORT} (proxies /api and /socket.io to nginx)`);
  startChild('vite', 'npm', ['run', 'dev', '--workspace', 'frontend'], {
    ...env,
    TASKFLOW_GATEWAY_URL: `http://127.0.0.1:${ports.gateway}`,
  });
  if (!(await waitFor('vite', async () => (await httpStatus(`http://localhost:${VITE_PORT}/`, 1000)) !== 0, 60_000))) {
    if (!stopping) {
      fail(`Vite does not answer on http://localhost:${VITE_PORT}/ after 60 s.`);
      await stop(1);
    }
  }
}

if (!stopping) {
  const app = dev
    ? `http://localhost:${VITE_PORT} (Vite, hot reload; gateway http://localhost:${ports.gateway})`
    : `http://localhost:${ports.gateway}`;
  const line = `TaskFlow is running at ${app} — mail catcher at http://localhost:${ports.mailWeb} — Ctrl-C to stop`;
  console.log(`\n${paint('1;32', line)}\n`);
}
