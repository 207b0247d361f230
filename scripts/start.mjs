#!/usr/bin/env node
// `npm start`: everything a newcomer needs on a fresh machine, then the whole stack in one terminal.
// `npm run dev` (--dev): the same with services under `node --watch` and the SPA from Vite.
// Node built-ins only: this file runs before `npm ci`.
//
// Flags: --dev, --no-build (serve the existing frontend/dist), --no-install (skip apt-get / npm ci;
// used by Playwright's webServer). Every variable and its default: README.md, "Configuration".
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from './lib/config.mjs';
import { distDir, isDistFresh } from './lib/frontend-build.mjs';
import { canConnect, httpStatus } from './lib/net.mjs';
import { nginxPaths, prepareNginx } from './lib/nginx.mjs';
import { checkBackingServices, checkPortsFree } from './lib/preflight.mjs';
import { createSupervisor } from './lib/supervisor.mjs';
import { ensureDependencies, ensureNginx, fail, hasCommand, ok, paint, repoRoot, run, step } from './lib/system.mjs';

const USAGE = 'Usage: node scripts/start.mjs [--dev] [--no-build] [--no-install] [--instances N]';
const KNOWN_FLAGS = new Set(['--dev', '--no-build', '--no-install', '--help']);
const flags = new Set();
// --instances N (or --instances=N): N instances of each service behind nginx, as a scaled deployment runs.
let instances = 1;
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--instances' || arg.startsWith('--instances=')) {
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : process.argv[++i];
    instances = Number(value);
    if (!Number.isInteger(instances) || instances < 1 || instances > 9) {
      fail(`--instances takes a whole number from 1 to 9, not ${value}. ${USAGE}`);
      process.exit(2);
    }
  } else if (KNOWN_FLAGS.has(arg)) {
    flags.add(arg);
  } else {
    fail(`Unknown option ${arg}. ${USAGE}`);
    process.exit(2);
  }
}
if (flags.has('--help')) {
  console.log(`${USAGE}  (configuration: environment variables, see README.md)`);
  process.exit(0);
}
const dev = flags.has('--dev');
const VITE_PORT = 5173;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------- machine
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

const { env, ports, services } = resolveConfig(process.env, { dev, instances });
/** Every service process: instance k of each service on its k-th port, labelled `name#k+1` when there are several. */
const processes = services.flatMap((service) =>
  service.ports.map((port, k) => ({
    service,
    port,
    first: k === 0,
    label: instances > 1 ? `${service.name}#${k + 1}` : service.name,
  })),
);
const nginx = nginxPaths(ports.gateway);
const pidFile = path.join(repoRoot, '.data', `start-${ports.gateway}.pid`);

step('Checking that the ports are free');
const portsFree = await checkPortsFree(
  [
    ['nginx', 'PORT', ports.gateway],
    ['auth', 'AUTH_PORT', ports.auth],
    ['tasks', 'TASKS_PORT', ports.tasks],
    ['notifications', 'NOTIFICATIONS_PORT', ports.notifications],
    ...processes
      .filter((p) => !p.first)
      .map((p) => [p.label, `${p.service.name.toUpperCase()}_PORT + ${p.port - p.service.port}`, p.port]),
    ['mail catcher SMTP', 'MAIL_SMTP_PORT', ports.mailSmtp],
    ['mail catcher web', 'MAIL_WEB_PORT', ports.mailWeb],
    ...(dev ? [['vite', '(fixed)', VITE_PORT]] : []),
  ],
  ports.gateway,
);
if (!portsFree) process.exit(1);

step('Checking PostgreSQL, Redis and RabbitMQ');
if (!(await checkBackingServices(env))) process.exit(1);

// ---------------------------------------------------------------------------------------------- build
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
  try {
    await buildServices();
  } catch {
    fail('Bundling the services failed (esbuild printed why, above).');
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------- nginx config
mkdirSync(path.dirname(env.AUTH_KEY_FILE), { recursive: true });
{
  const upstreams = Object.fromEntries(services.map((s) => [s.name, s.ports.map((port) => `127.0.0.1:${port}`)]));
  const prepared = await prepareNginx(nginx, { ports, spaRoot: distDir, upstreams });
  if (!prepared.ok) {
    fail(prepared.problem);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------- run
const supervisor = createSupervisor({
  env,
  names: ['mail', 'nginx', 'vite', ...processes.map((p) => p.label)],
  pidFile,
  stopTimeoutMs: STOP_TIMEOUT_MS,
});
const { startChild, printLastLines, stop, waitFor, parkIfStopping, isStopping } = supervisor;

step(`Starting the mail catcher (SMTP ${ports.mailSmtp}, web ${ports.mailWeb})`);
const mail = startChild('mail', path.join(repoRoot, 'node_modules', '.bin', 'maildev'), [
  '--smtp',
  String(ports.mailSmtp),
  '--web',
  String(ports.mailWeb),
  '--ip',
  '127.0.0.1',
  '--silent',
]);
if (!(await waitFor(() => canConnect('127.0.0.1', ports.mailSmtp, 500), 15_000))) {
  if (!isStopping()) {
    fail(`The mail catcher is not listening on ${ports.mailSmtp} after 15 s.`);
    printLastLines(mail);
    await stop(1);
  }
}

// The first instance of each service first: it creates what instances share (the database and its migrations,
// the signing key and calendar secret files); the others start once it is ready.
for (const group of [processes.filter((p) => p.first), processes.filter((p) => !p.first)]) {
  if (group.length === 0) continue;
  await parkIfStopping();
  step(`Starting the services: ${group.map((p) => `${p.label} :${p.port}`).join(', ')}`);
  for (const instance of group) {
    instance.entry = startChild(
      instance.label,
      process.execPath,
      dev
        ? ['--import', 'tsx', '--watch', `services/${instance.service.name}/src/main.ts`]
        : ['--enable-source-maps', `services/${instance.service.name}/dist/main.mjs`],
      { ...env, ...instance.service.env, PORT: String(instance.port) },
    );
  }

  step(`Waiting for the services to be ready (GET /readyz, up to ${READY_TIMEOUT_MS / 1000} s)`);
  const pending = new Set(group);
  await waitFor(async () => {
    await Promise.all(
      [...pending].map(async (instance) => {
        if ((await httpStatus(`http://127.0.0.1:${instance.port}/readyz`, 2000)) === 200) {
          pending.delete(instance);
          ok(`${instance.label} is ready`);
        }
      }),
    );
    return pending.size === 0;
  }, READY_TIMEOUT_MS);
  if (pending.size && !isStopping()) {
    for (const instance of pending) {
      fail(
        `${instance.label} is not ready after ${READY_TIMEOUT_MS / 1000} s (GET http://127.0.0.1:${instance.port}/readyz)`,
      );
      printLastLines(instance.entry);
    }
    await stop(1);
  }
}

await parkIfStopping();
step(`Starting nginx on port ${ports.gateway} (config ${path.relative(repoRoot, nginx.conf)})`);
const gateway = startChild('nginx', 'nginx', nginx.args('-g', 'daemon off;'));
{
  let status = 0;
  const answered = await waitFor(
    async () => (status = await httpStatus(`http://127.0.0.1:${ports.gateway}/`, 1000)) !== 0,
    15_000,
  );
  if (!answered && !isStopping()) {
    fail(
      `nginx does not answer on http://127.0.0.1:${ports.gateway}/ after 15 s (log: ${path.relative(repoRoot, nginx.errorLog)})`,
    );
    printLastLines(gateway);
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
  if (!(await waitFor(async () => (await httpStatus(`http://localhost:${VITE_PORT}/`, 1000)) !== 0, 60_000))) {
    if (!isStopping()) {
      fail(`Vite does not answer on http://localhost:${VITE_PORT}/ after 60 s.`);
      await stop(1);
    }
  }
}

if (!isStopping()) {
  const app = dev
    ? `http://localhost:${VITE_PORT} (Vite, hot reload; gateway http://localhost:${ports.gateway})`
    : `http://localhost:${ports.gateway}`;
  const line = `TaskFlow is running at ${app} — API reference at http://localhost:${ports.gateway}/api/docs — mail catcher at http://localhost:${ports.mailWeb} — Ctrl-C to stop`;
  console.log(`\n${paint('1;32', line)}\n`);
}
