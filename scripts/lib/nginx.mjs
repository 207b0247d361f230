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

/** Each service's instances as `host:port`: one on this machine at its configured port. */
export const localUpstreams = (ports) => ({
  auth: [`127.0.0.1:${ports.auth}`],
  tasks: [`127.0.0.1:${ports.tasks}`],
  notifications: [`127.0.0.1:${ports.notifications}`],
});

const serverLines = (addresses) => addresses.map((address) => `server ${address};`).join('\n    ');

/**
 * proxy/nginx.conf.template with every placeholder filled in; an unknown placeholder is an error.
 * The defaults are this machine's (npm start); the container image (scripts/render-proxy-conf.mjs)
 * passes its own paths, the services' host names, and the load balancer's addresses to trust.
 */
export function renderNginxConf({
  prefix,
  ports,
  spaRoot,
  ipv6,
  upstreams = localUpstreams(ports),
  proxyDir = path.join(repoRoot, 'proxy'),
  swaggerDir = swaggerUiDir,
  userDirective = localUserDirective(),
  trustedProxies = [],
}) {
  const values = {
    PREFIX: prefix,
    PORT: String(ports.gateway),
    LISTEN_V6: ipv6 ? `listen [::]:${ports.gateway};` : '# no IPv6 on this machine',
    AUTH_SERVERS: serverLines(upstreams.auth),
    TASKS_SERVERS: serverLines(upstreams.tasks),
    NOTIFICATIONS_SERVERS: serverLines(upstreams.notifications),
    REAL_IP: trustedProxies.length
      ? [
          ...trustedProxies.map((cidr) => `set_real_ip_from ${cidr};`),
          'real_ip_header X-Forwarded-For;',
          'real_ip_recursive on;',
        ].join('\n  ')
      : '# clients connect directly: $remote_addr is theirs',
    SPA_ROOT: spaRoot,
    PROXY_DIR: proxyDir,
    SWAGGER_UI_DIR: swaggerDir,
    USER_DIRECTIVE: userDirective,
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
export async function prepareNginx(paths, { ports, spaRoot, upstreams }) {
  if (!existsSync(path.join(swaggerUiDir, 'swagger-ui-bundle.js'))) {
    return { ok: false, problem: 'node_modules/swagger-ui-dist is missing (the API reference UI): run `npm ci`.' };
  }
  for (const dir of ['logs', 'temp']) mkdirSync(path.join(paths.prefix, dir), { recursive: true });
  writeFileSync(
    paths.conf,
    renderNginxConf({ prefix: paths.prefix, ports, spaRoot, ipv6: await hasIPv6(), upstreams }),
  );
  const check = spawnSync('nginx', paths.args('-t', '-q'), { encoding: 'utf8' });
  if (check.status === 0) return { ok: true };
  return {
    ok: false,
    problem: `The generated nginx config (${path.relative(repoRoot, paths.conf)}) is invalid:\n${check.stderr}`,
  };
}

// As root, workers would drop to `nobody`, who may not read a checkout under /root: run them as the
// owner of the checkout instead. As another user the master cannot switch users anyway.
function localUserDirective() {
  return isRoot() ? `user ${ownerOf(repoRoot)};` : '# workers run as the invoking user';
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
