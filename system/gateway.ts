import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitFor } from '@taskflow/service-kit/testing';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

type Upstreams = { auth: string[]; tasks: string[]; notifications: string[] };
type RenderNginxConf = (opts: {
  prefix: string;
  ports: { gateway: number; auth: number; tasks: number; notifications: number };
  spaRoot: string;
  ipv6: boolean;
  upstreams: Upstreams;
}) => string;

/**
 * A private nginx running proxy/nginx.conf.template, rendered by the same code as `npm start`
 * (scripts/lib/nginx.mjs), in a temporary prefix on a free port, in front of the given service ports
 * (several ports of a service: nginx balances its instances, as in a scaled deployment).
 */
export async function startGateway(
  servers: { auth: number | number[]; tasks: number | number[]; notifications: number | number[] },
  port?: number,
) {
  // Imported by URL: the script is plain JavaScript, shared with npm start.
  const { renderNginxConf } = (await import(pathToFileURL(join(repoRoot, 'scripts/lib/nginx.mjs')).href)) as {
    renderNginxConf: RenderNginxConf;
  };
  const prefix = mkdtempSync(join(tmpdir(), 'tf-gateway-'));
  for (const dir of ['logs', 'temp', 'spa']) mkdirSync(join(prefix, dir), { recursive: true });
  writeFileSync(join(prefix, 'spa', 'index.html'), '<!doctype html><title>TaskFlow</title>');
  const gateway = port ?? (await freePort());
  const conf = join(prefix, 'nginx.conf');
  const list = (ports: number | number[]) => [ports].flat();
  const upstreams: Upstreams = {
    auth: list(servers.auth).map((port) => `127.0.0.1:${port}`),
    tasks: list(servers.tasks).map((port) => `127.0.0.1:${port}`),
    notifications: list(servers.notifications).map((port) => `127.0.0.1:${port}`),
  };
  const ports = {
    gateway,
    auth: list(servers.auth)[0]!,
    tasks: list(servers.tasks)[0]!,
    notifications: list(servers.notifications)[0]!,
  };
  writeFileSync(conf, renderNginxConf({ prefix, ports, spaRoot: join(prefix, 'spa'), ipv6: false, upstreams }));
  const output: string[] = [];
  const child: ChildProcess = spawn(
    'nginx',
    ['-p', prefix, '-c', conf, '-e', join(prefix, 'logs', 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${gateway}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${output.join('')}`);
      return (await fetch(`${url}/api/auth/.well-known/jwks.json`)).ok;
    },
    { timeoutMs: 15_000, intervalMs: 100, what: 'nginx in front of auth' },
  );
  return {
    url,
    port: gateway,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/**
 * One HTTP request sent from a chosen loopback address (127.0.0.2, …), so nginx, which limits by the
 * address it sees, counts each sender apart. The path goes on the wire exactly as written.
 */
export function requestFrom(
  localAddress: string,
  port: number,
  path: string,
  opts: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>(
    (resolve, reject) => {
      const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          localAddress,
          method: opts.method ?? 'GET',
          path,
          agent: false,
          headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    },
  );
}
