import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitFor } from '@taskflow/service-kit/testing';
import { freePort } from './stack';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

type RenderNginxConf = (opts: {
  prefix: string;
  ports: { gateway: number; auth: number; tasks: number; notifications: number };
  spaRoot: string;
  ipv6: boolean;
}) => string;

/**
 * A private nginx running proxy/nginx.conf.template, rendered by the same code as `npm start`
 * (scripts/lib/nginx.mjs), in a temporary prefix on a free port, in front of the given service ports.
 */
export async function startGateway(ports: { auth: number; tasks: number; notifications: number }) {
  // Imported by URL: the script is plain JavaScript, shared with npm start.
  const { renderNginxConf } = (await import(pathToFileURL(join(repoRoot, 'scripts/lib/nginx.mjs')).href)) as {
    renderNginxConf: RenderNginxConf;
  };
  const prefix = mkdtempSync(join(tmpdir(), 'tf-gateway-'));
  for (const dir of ['logs', 'temp', 'spa']) mkdirSync(join(prefix, dir), { recursive: true });
  writeFileSync(join(prefix, 'spa', 'index.html'), '<!doctype html><title>TaskFlow</title>');
  const gateway = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    renderNginxConf({ prefix, ports: { gateway, ...ports }, spaRoot: join(prefix, 'spa'), ipv6: false }),
  );
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
