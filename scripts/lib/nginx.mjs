// The gateway's configuration: proxy/nginx.conf.template rendered into a prefix of its own, checked with
// `nginx -t` before anything starts. Node built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasIPv6 } from './net.mjs';
import { isRoot, repoRoot } from './system.mjs';

/** The folder of the installed swagger-ui-dist package, which nginx serves at /api/docs/. */
export const swaggerUiDir = path.join(repoRoot, 'node_modules', 'swagger-ui-dist');

/** Where nginx runs for a gateway port: its config, pid, logs and temp files, all under .data/. */
export function nginxPaths(gatewayPort) {
  const prefix = path.join(repoRoot, '.data', `nginx-${gatewayPort}`);
  const conf = path.join(prefix, 'nginx.conf');
  const errorLog = path.join(prefix, 'logs', 'error.log');
  return {
    prefix,
    conf,
    errorLog,
    /** The command-line arguments that run nginx on this prefix and config, plus `extra`. */
    args: (...extra) => ['-p', prefix, '-c', conf, '-e', errorLog, ...extra],
  };
}

/** proxy/nginx.conf.template with every placeholder filled in; an unknown placeholder is an error. */
export function renderNginxConf({ prefix, ports, spaRoot, ipv6 }) {
  const values = {
    PREFIX: prefix,
    PORT: String(ports.gateway),
    LISTEN_V6: ipv6 ? `listen [::]:${ports.gateway};` : '# no IPv6 on this machine',
    AUTH_PORT: String(ports.auth),
    TASKS_PORT: String(ports.tasks),
    NOTIFICATIONS_PORT: String(ports.notifications),
    SPA_ROOT: spaRoot,
    PROXY_DIR: path.join(repoRoot, 'proxy'),
    SWAGGER_UI_DIR: swaggerUiDir,
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

/**
 * Writes the rendered config into the prefix and runs `nginx -t` on it.
 * Resolves { ok: true } or { ok: false, problem } saying what is wrong.
 */
export async function prepareNginx(paths, { ports, spaRoot }) {
  if (!existsSync(path.join(swaggerUiDir, 'swagger-ui-bundle.js'))) {
    return { ok: false, problem: 'node_modules/swagger-ui-dist is missing (the API reference UI): run `npm ci`.' };
  }
  for (const dir of ['logs', 'temp']) mkdirSync(path.join(paths.prefix, dir), { recursive: true });
  writeFileSync(paths.conf, renderNginxConf({ prefix: paths.prefix, ports, spaRoot, ipv6: await hasIPv6() }));
  const check = spawnSync('nginx', paths.args('-t', '-q'), { encoding: 'utf8' });
  if (check.status === 0) return { ok: true };
  return {
    ok: false,
    problem: `The generated nginx config (${path.relative(repoRoot, paths.conf)}) is invalid:\n${check.stderr}`,
  };
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
