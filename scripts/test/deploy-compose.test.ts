// docker-compose.yml and the Dockerfiles it builds: valid for Compose, every image built from a Dockerfile
// that exists and copies only what the build context holds, every service given what its config needs.
// No Docker engine here: `docker-compose config` (Compose v1, installed by npm test like nginx) validates
// the file without one; the rest is read from the files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  deploymentEnvProblems,
  readRepoFile,
  repoFileExists,
  repoRoot,
  SERVICE_NAMES,
  SERVICE_SCHEMAS,
  keysADeploymentMustSet,
} from './deploy-env';
import { dockerfileProblems, parseDockerfile } from './dockerfile';

// Imported by URL: the script is plain JavaScript, run by the proxy image's build.
const { SERVICE_NODE_OPTIONS } = (await import(pathToFileURL(path.join(repoRoot, 'scripts/lib/config.mjs')).href)) as {
  SERVICE_NODE_OPTIONS: Record<string, string>;
};
const { renderContainerConf, CONTAINER_PATHS } = (await import(
  pathToFileURL(path.join(repoRoot, 'scripts/render-proxy-conf.mjs')).href
)) as {
  renderContainerConf: (env: Record<string, string>) => string;
  CONTAINER_PATHS: Record<'prefix' | 'spaRoot' | 'proxyDir' | 'swaggerDir', string>;
};

interface ComposeService {
  command?: string[];
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string | number> };
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  profiles?: string[];
}
const compose = parse(readRepoFile('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const composeService = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const envOf = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [k, String(v)]));

describe('docker-compose.yml', () => {
  it('validates with docker-compose config', () => {
    const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
    });
    expect(result.error, 'docker-compose is missing: npm test installs it (apt-get install -y docker-compose)').toBe(
      undefined,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs the data stores, a mail catcher, the three services and nginx, with monitoring behind a profile', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'rabbitmq', 'mail', ...SERVICE_NAMES, 'nginx']),
    );
    expect(composeService('redis').command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(composeService('rabbitmq').image).toMatch(/management/);
    for (const name of ['prometheus', 'grafana']) expect(composeService(name).profiles).toEqual(['monitoring']);
  });

  it('builds every image it names from a Dockerfile that exists and is sound', () => {
    const built = Object.entries(services).filter(([, s]) => s.build);
    expect(built.map(([name]) => name).sort()).toEqual([...SERVICE_NAMES, 'nginx'].sort());
    for (const [name, service] of built) {
      expect(service.build!.context, name).toBe('.');
      expect(repoFileExists(service.build!.dockerfile), `${name}: ${service.build!.dockerfile}`).toBe(true);
      expect(dockerfileProblems(service.build!.dockerfile), name).toEqual([]);
    }
    // The services share one recipe: each build names its own workspace and the port it listens on.
    for (const name of SERVICE_NAMES) {
      expect(composeService(name).build?.args, name).toEqual({ SERVICE: name, PORT: Number(envOf(name).PORT) });
    }
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) expect(service.image, name).toMatch(/:(local|v?\d[\w.-]*)$/);
    }
  });

  it.each(Object.entries(SERVICE_NODE_OPTIONS))('runs %s with the V8 flags npm start gives it', (name, flags) => {
    expect(envOf(name).NODE_OPTIONS).toBe(flags);
  });

  it('gives every service each variable its config schema needs, pointing at services it runs', () => {
    const problems = SERVICE_NAMES.flatMap((name) =>
      deploymentEnvProblems(name, envOf(name), (host) => host in services),
    );
    expect(problems).toEqual([]);
  });

  it('starts a service only once what it depends on is healthy, and everything depended on has a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
        const target = composeService(dependency);
        const imageCheck = target.build && parseDockerfile(target.build.dockerfile).healthcheck;
        expect(Boolean(target.healthcheck || imageCheck), `${dependency} has no health check`).toBe(true);
      }
    }
    const backing: Record<string, string[]> = {
      DATABASE_URL: ['postgres'],
      AMQP_URL: ['rabbitmq'],
      REDIS_URL: ['redis'],
      SMTP_URL: ['mail'],
      AUTH_JWKS_URL: ['auth'],
    };
    for (const name of SERVICE_NAMES) {
      const needs = Object.keys(envOf(name)).flatMap((key) =>
        name === 'auth' && key === 'AUTH_JWKS_URL' ? [] : (backing[key] ?? []),
      );
      expect(Object.keys(composeService(name).depends_on ?? {}), name).toEqual(expect.arrayContaining(needs));
    }
  });

  it('routes nginx to the services at the ports they listen on', () => {
    const conf = renderContainerConf({});
    for (const name of SERVICE_NAMES) {
      expect(conf).toContain(`server ${name}:${envOf(name).PORT};`);
      expect(composeService('nginx').depends_on).toHaveProperty(name);
    }
  });

  it('gives the proxy image a config nginx accepts, with several servers per upstream and the proxies trusted', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-proxy-conf-'));
    try {
      for (const sub of ['logs', 'temp', 'spa']) mkdirSync(path.join(dir, sub));
      // The image's paths, pointed at this checkout; the services' names at addresses that resolve here.
      const local: Record<string, string> = {
        [CONTAINER_PATHS.prefix]: dir,
        [CONTAINER_PATHS.spaRoot]: path.join(dir, 'spa'),
        [CONTAINER_PATHS.proxyDir]: path.join(repoRoot, 'proxy'),
        [CONTAINER_PATHS.swaggerDir]: path.join(repoRoot, 'node_modules', 'swagger-ui-dist'),
      };
      const rendered = renderContainerConf({
        AUTH_UPSTREAM: '127.0.0.1:3001',
        TASKS_UPSTREAM: '127.0.0.1:3002 127.0.0.2:3002',
        NOTIFICATIONS_UPSTREAM: '127.0.0.1:3003',
      });
      const conf = Object.entries(local).reduce((text, [from, to]) => text.split(from).join(to), rendered);
      expect(conf).toMatch(/server 127\.0\.0\.1:3002;\s+server 127\.0\.0\.2:3002;/);
      expect(conf).toContain('set_real_ip_from 10.0.0.0/8;');
      writeFileSync(path.join(dir, 'nginx.conf'), conf);
      const check = spawnSync(
        'nginx',
        ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'logs', 'error.log'), '-t', '-q'],
        {
          encoding: 'utf8',
        },
      );
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets Prometheus scrape every service at its port', () => {
    const prometheus = parse(readRepoFile('monitoring/prometheus.yml')) as {
      scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; port: number }[] }[];
    };
    for (const name of SERVICE_NAMES) {
      const job = prometheus.scrape_configs.find((j) => j.job_name === name);
      expect(job?.dns_sd_configs, name).toEqual([
        expect.objectContaining({ names: [name], port: Number(envOf(name).PORT) }),
      ]);
    }
  });
});

describe('the monitoring profile', () => {
  it('provisions Grafana with the Prometheus compose runs and the dashboard the repository holds', () => {
    const grafana = composeService('grafana') as ComposeService & { volumes: string[] };
    const mounts = Object.fromEntries(grafana.volumes.map((v) => v.split(':') as [string, string]));
    const provisioning = mounts['./monitoring/grafana/provisioning']!;
    expect(provisioning).toBe('/etc/grafana/provisioning');
    const provider = parse(readRepoFile('monitoring/grafana/provisioning/dashboards/taskflow.yml')) as {
      providers: { options: { path: string } }[];
    };
    const dashboardsDir = provider.providers[0]!.options.path;
    expect(mounts['./monitoring/grafana/dashboards']).toBe(dashboardsDir);
    const datasources = parse(readRepoFile('monitoring/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string; url: string }[];
    };
    const [datasource] = datasources.datasources;
    const url = new URL(datasource!.url);
    expect(url.hostname in services).toBe(true);
    expect(composeService(url.hostname).ports).toContain(`${url.port}:${url.port}`);
    const dashboard = JSON.parse(readRepoFile('monitoring/grafana/dashboards/taskflow.json')) as {
      panels: { datasource: { uid: string }; targets: { datasource: { uid: string } }[] }[];
    };
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid).toBe(datasource!.uid);
      for (const target of panel.targets) expect(target.datasource.uid).toBe(datasource!.uid);
    }
  });
});

describe('what a deployment must set', () => {
  it('is derived from each schema: backing-service URLs and shared secret files, not tunables', () => {
    expect(keysADeploymentMustSet(SERVICE_SCHEMAS.tasks)).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'AMQP_URL', 'AUTH_JWKS_URL', 'CALENDAR_SECRET_FILE']),
    );
    expect(keysADeploymentMustSet(SERVICE_SCHEMAS.notifications)).toEqual(
      expect.arrayContaining(['REDIS_URL', 'SMTP_URL']),
    );
    expect(keysADeploymentMustSet(SERVICE_SCHEMAS.auth)).toContain('AUTH_KEY_FILE');
    expect(keysADeploymentMustSet(SERVICE_SCHEMAS.tasks)).not.toContain('REMINDER_TICK_MS');
  });
});
