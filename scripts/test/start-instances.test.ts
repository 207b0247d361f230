// `npm start -- --instances N`: N instances of each service on ports a stride apart, every one a server
// of its nginx upstream (the Socket.IO one hashed by client address), and a bad N refused before anything
// starts. Running the whole stack that way is done by hand (docs: README, "Several instances").
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { repoRoot } from './deploy-env';

type Service = { name: string; port: number; ports: number[]; env: Record<string, string> };
const load = async <T>(file: string) => (await import(pathToFileURL(path.join(repoRoot, file)).href)) as T;
const { resolveConfig } = await load<{
  resolveConfig: (
    env: Record<string, string>,
    options: { instances: number },
  ) => { services: Service[]; ports: Record<string, number> };
}>('scripts/lib/config.mjs');
const { renderNginxConf } = await load<{ renderNginxConf: (options: Record<string, unknown>) => string }>(
  'scripts/lib/nginx.mjs',
);

it('gives each of N instances of each service its own port, none shared', () => {
  const { services } = resolveConfig({}, { instances: 3 });
  const all = services.flatMap((s) => s.ports);
  expect(services.map((s) => s.ports.length)).toEqual([3, 3, 3]);
  expect(new Set(all).size).toBe(all.length);
  for (const service of services) expect(service.ports[0]).toBe(service.port);
  expect(resolveConfig({}, { instances: 1 }).services.map((s) => s.ports)).toEqual(services.map((s) => [s.port]));
});

it('lists every instance in its nginx upstream, the Socket.IO upstream hashed by client address', () => {
  const { services, ports } = resolveConfig({}, { instances: 2 });
  const upstreams = Object.fromEntries(services.map((s) => [s.name, s.ports.map((p) => `127.0.0.1:${p}`)]));
  const conf = renderNginxConf({
    prefix: '/tmp/x',
    ports,
    spaRoot: '/tmp/x',
    ipv6: false,
    upstreams,
    userDirective: '#',
  });
  const upstream = (name: string) => new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(conf)?.[1] ?? '';
  for (const service of services) {
    const block = upstream(`taskflow_${service.name}`);
    for (const port of service.ports) expect(block, service.name).toContain(`server 127.0.0.1:${port};`);
  }
  const realtime = upstream('taskflow_realtime');
  expect(realtime).toContain('hash $remote_addr consistent;');
  for (const port of services.find((s) => s.name === 'notifications')!.ports) expect(realtime).toContain(`:${port};`);
});

it('starts tasks and notifications with their V8 flags, after whatever NODE_OPTIONS the caller set', () => {
  const flags = (env: Record<string, string>, name: string) =>
    resolveConfig(env, { instances: 1 }).services.find((s) => s.name === name)!.env.NODE_OPTIONS;
  expect(flags({}, 'notifications')).toBe('--max-semi-space-size=4');
  expect(flags({}, 'tasks')).toBe('--max-old-space-size=112 --max-semi-space-size=8');
  expect(flags({ NODE_OPTIONS: '--import=./x.mjs' }, 'notifications')).toBe('--import=./x.mjs --max-semi-space-size=4');
  expect(flags({}, 'auth')).toBeUndefined();
});

it.each(['0', 'two', '10'])('refuses --instances %s before starting anything', (value) => {
  const result = spawnSync(process.execPath, ['scripts/start.mjs', '--no-install', '--instances', value], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain(`--instances takes a whole number from 1 to 9, not ${value}`);
  expect(result.stdout).not.toContain('Checking');
});
