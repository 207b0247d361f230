// infra/terraform without terraform: every .tf parses (@cdktf/hcl2json); in every folder each var.X is
// declared, described and typed, each local.X defined; every local module exists and gets only inputs it
// declares (and all it requires); every registry module is pinned to an exact version and gets only inputs
// that version declares, with only outputs it has read back — checked against the modules' own variables
// and outputs (scripts/test/fixtures/terraform-modules.json, extracted from their sources at those tags);
// the environments pin their providers exactly and lock their S3 state. And Terraform agrees with the
// Kubernetes manifests: image repositories, IRSA roles, the namespace, the secret's name and keys.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { readRepoFile, repoRoot } from './deploy-env';
import { containersOf, renderKustomization, type K8sObject } from './kustomize';

type Block = Record<string, unknown>;
interface Folder {
  dir: string;
  files: string[];
  variable: Record<string, Block[]>;
  output: Record<string, Block[]>;
  locals: Block;
  module: Record<string, Block[]>;
  resource: Record<string, Record<string, Block[]>>;
  terraform: Block[];
  /** Every string in the folder's configuration (expressions are strings: "${…}"). */
  text: string;
}
interface RegistryModule {
  version: string;
  inputs: string[];
  outputs: string[];
}

const TERRAFORM = path.join(repoRoot, 'infra', 'terraform');
const META_ARGUMENTS = new Set(['source', 'version', 'for_each', 'count', 'providers', 'depends_on']);
const registry = JSON.parse(readRepoFile('scripts/test/fixtures/terraform-modules.json')) as Record<
  string,
  RegistryModule
>;

const foldersWithTf = (dir: string): string[] => {
  const entries = readdirSync(dir);
  const here = entries.some((e) => e.endsWith('.tf')) ? [dir] : [];
  return [
    ...here,
    ...entries
      .filter((e) => statSync(path.join(dir, e)).isDirectory())
      .flatMap((e) => foldersWithTf(path.join(dir, e))),
  ];
};

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

async function readFolder(dir: string): Promise<Folder> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.tf'));
  const folder: Folder = {
    dir,
    files,
    variable: {},
    output: {},
    locals: {},
    module: {},
    resource: {},
    terraform: [],
    text: '',
  };
  const texts: string[] = [];
  for (const file of files) {
    const json = (await parse(file, readRepoFile(path.relative(repoRoot, path.join(dir, file))))) as Record<
      string,
      unknown
    >;
    Object.assign(folder.variable, json.variable);
    Object.assign(folder.output, json.output);
    Object.assign(folder.module, json.module);
    for (const locals of (json.locals as Block[] | undefined) ?? []) Object.assign(folder.locals, locals);
    for (const [type, byName] of Object.entries((json.resource as Folder['resource'] | undefined) ?? {}))
      folder.resource[type] = { ...folder.resource[type], ...byName };
    folder.terraform.push(...((json.terraform as Block[] | undefined) ?? []));
    texts.push(...strings(json));
  }
  folder.text = texts.join('\n');
  return folder;
}

const refs = (text: string, pattern: RegExp) => [
  ...new Set([...text.matchAll(pattern)].map((m) => m.slice(1).join('.'))),
];
const isLocalSource = (source: string) => source.startsWith('./') || source.startsWith('../');

const folders = await Promise.all(foldersWithTf(TERRAFORM).map(readFolder));
const byDir = new Map(folders.map((f) => [path.resolve(f.dir), f]));
const rel = (folder: Folder) => path.relative(repoRoot, folder.dir);
const folder = (relative: string): Folder => {
  const found = byDir.get(path.join(TERRAFORM, relative));
  if (!found) throw new Error(`no infra/terraform/${relative}`);
  return found;
};

describe('infra/terraform', () => {
  it('has the shared registry, staging and production, composed from local modules', () => {
    expect(folders.map(rel).sort()).toEqual(
      [
        'infra/terraform/envs/production',
        'infra/terraform/envs/shared',
        'infra/terraform/envs/staging',
        'infra/terraform/modules/taskflow-environment',
        'infra/terraform/modules/taskflow-registry',
      ].sort(),
    );
  });

  it.each(folders.map((f) => [rel(f), f] as const))(
    '%s: every variable used is declared, described and typed; every local defined',
    (_, f) => {
      const declared = Object.keys(f.variable);
      expect(refs(f.text, /\bvar\.([A-Za-z_][\w-]*)/g).filter((v) => !declared.includes(v))).toEqual([]);
      for (const [name, [block]] of Object.entries(f.variable)) {
        expect(String(block?.description ?? ''), `variable ${name}`).toMatch(/\w{3,}/);
        expect(block?.type, `variable ${name} has no type`).toBeDefined();
      }
      expect(
        declared.filter((v) => !new RegExp(`\\bvar\\.${v}\\b`).test(f.text)),
        'declared and never used',
      ).toEqual([]);
      expect(refs(f.text, /\blocal\.([A-Za-z_][\w-]*)/g).filter((l) => !(l in f.locals))).toEqual([]);
      for (const [name, [block]] of Object.entries(f.output))
        expect(String(block?.description ?? ''), `output ${name}`).toMatch(/\w{3,}/);
    },
  );

  it.each(folders.map((f) => [rel(f), f] as const))(
    '%s: every module exists, is pinned, and gets and gives only what it declares',
    (_, f) => {
      const problems: string[] = [];
      const outputsOf = new Map<string, string[]>();
      for (const [name, [block]] of Object.entries(f.module)) {
        const source = String(block?.source);
        const inputs = Object.keys(block ?? {}).filter((k) => !META_ARGUMENTS.has(k));
        if (isLocalSource(source)) {
          const target = byDir.get(path.resolve(f.dir, source));
          if (!target) {
            problems.push(`module ${name}: ${source} does not exist`);
            continue;
          }
          const declared = Object.keys(target.variable);
          for (const input of inputs)
            if (!declared.includes(input)) problems.push(`module ${name}: ${source} declares no ${input}`);
          for (const [variable, [declaration]] of Object.entries(target.variable))
            if (declaration && !('default' in declaration) && !inputs.includes(variable))
              problems.push(`module ${name}: ${variable} is required`);
          if ('version' in (block ?? {})) problems.push(`module ${name}: a local module takes no version`);
          outputsOf.set(name, Object.keys(target.output));
        } else {
          const version = String(block?.version ?? '');
          if (!/^\d+\.\d+\.\d+$/.test(version))
            problems.push(`module ${name}: ${source} is not pinned to an exact version ("${version}")`);
          const known = registry[source];
          if (!known) {
            problems.push(`module ${name}: ${source} is not in scripts/test/fixtures/terraform-modules.json`);
            continue;
          }
          if (known.version !== version)
            problems.push(`module ${name}: pinned ${version}, the fixture describes ${known.version}`);
          for (const input of inputs)
            if (!known.inputs.includes(input))
              problems.push(`module ${name}: ${source} ${version} has no input ${input}`);
          outputsOf.set(name, known.outputs);
        }
      }
      for (const reference of refs(f.text, /\bmodule\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([A-Za-z_][\w-]*)/g)) {
        const [name, output] = reference.split('.') as [string, string];
        const outputs = outputsOf.get(name);
        if (!outputs) problems.push(`module.${name} is not declared`);
        else if (!outputs.includes(output)) problems.push(`module.${name} has no output ${output}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('pins Terraform and every provider in the environments, and keeps their state in S3 with locking', () => {
    const keys = new Set<string>();
    for (const env of ['shared', 'staging', 'production']) {
      const f = folder(`envs/${env}`);
      const terraform = Object.assign({}, ...f.terraform) as {
        required_version?: string;
        required_providers?: Record<string, { source: string; version: string }>[];
        backend?: { s3?: { key: string; encrypt: boolean; use_lockfile: boolean }[] };
      };
      expect(terraform.required_version, env).toBeDefined();
      const providers = Object.assign({}, ...(terraform.required_providers ?? [])) as Record<
        string,
        { version: string }
      >;
      expect(Object.keys(providers), env).toContain('aws');
      for (const [name, { version }] of Object.entries(providers))
        expect(version, `${env}: ${name}`).toMatch(/^\d+\.\d+\.\d+$/);
      // Every provider a module of this environment uses is pinned here.
      const used = [
        f,
        ...Object.values(f.module).flatMap(([b]) => byDir.get(path.resolve(f.dir, String(b?.source))) ?? []),
      ];
      for (const resourceType of used.flatMap((u) => Object.keys(u.resource)))
        expect(Object.keys(providers), `${env}: ${resourceType}`).toContain(resourceType.split('_')[0]);
      const [s3] = terraform.backend?.s3 ?? [];
      expect(s3, env).toMatchObject({ encrypt: true, use_lockfile: true });
      keys.add(s3!.key);
    }
    expect(keys.size).toBe(3);
  });
});

describe('Terraform and the Kubernetes manifests', () => {
  const environment = folder('modules/taskflow-environment');
  const registryModule = folder('modules/taskflow-registry');
  const overlays = Object.fromEntries(
    ['staging', 'production'].map((env) => [
      env,
      renderKustomization(path.join(repoRoot, 'deploy', 'k8s', 'overlays', env)),
    ]),
  ) as Record<string, K8sObject[]>;

  it('creates an image repository for every image the manifests run', () => {
    const [ecr] = registryModule.module.ecr ?? [];
    const repositories = (registryModule.locals.repositories as string[]).map((name) =>
      String(ecr?.repository_name).replace('${each.key}', name),
    );
    const base = renderKustomization(path.join(repoRoot, 'deploy', 'k8s', 'base'));
    const images = new Set(base.flatMap(containersOf).map((c) => String(c.image)));
    expect(new Set(repositories)).toEqual(images);
    for (const objects of Object.values(overlays)) {
      for (const image of objects.flatMap(containersOf).map((c) => String(c.image))) {
        const repository = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/(.+):[\w.-]+$/.exec(image)?.[1];
        expect(repositories, image).toContain(repository);
      }
    }
  });

  it.each(['staging', 'production'])(
    'gives every annotated service account in %s an IRSA role Terraform creates, in the namespace it trusts',
    (env) => {
      const objects = overlays[env]!;
      const name = String(environment.locals.name).replace('${var.environment}', env);
      const roles = [...(environment.locals.service_accounts as string[]), 'secrets-reader'].map(
        (sa) => `${name}-${sa}`,
      );
      const annotated = objects
        .filter((o) => o.kind === 'ServiceAccount' && o.metadata.annotations?.['eks.amazonaws.com/role-arn'])
        .map((o) => ({
          account: o.metadata.name,
          role: o.metadata.annotations!['eks.amazonaws.com/role-arn']!.split('/').pop(),
        }));
      expect(annotated.map((a) => a.role).sort()).toEqual(roles.sort());
      for (const { account, role } of annotated) expect(role).toBe(`${name}-${account}`);
      for (const object of objects) expect(object.metadata.namespace).toBe(environment.locals.namespace);
    },
  );

  it('writes the secret the ExternalSecret reads, with every key a workload reads from it', () => {
    const [secret] = Object.values(environment.resource.aws_secretsmanager_secret ?? {})[0] ?? [];
    const [version] = Object.values(environment.resource.aws_secretsmanager_secret_version ?? {})[0] ?? [];
    const keys = [...String(version?.secret_string).matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*=/gm)].map((m) => m[1]);
    for (const [env, objects] of Object.entries(overlays)) {
      const external = objects.find((o) => o.kind === 'ExternalSecret')!;
      const extract = (external.spec as { dataFrom: { extract: { key: string } }[] }).dataFrom[0]!.extract.key;
      expect(String(secret?.name).replace('${var.environment}', env)).toBe(extract);
      const read = objects
        .flatMap(containersOf)
        .flatMap((c) =>
          ((c.env as { valueFrom?: { secretKeyRef?: { key: string } } }[] | undefined) ?? []).flatMap(
            (e) => e.valueFrom?.secretKeyRef?.key ?? [],
          ),
        );
      const mounted = objects.flatMap((o) =>
        (
          (o.spec as { template?: { spec?: { volumes?: { secret?: { items?: { key: string }[] } }[] } } })?.template
            ?.spec?.volumes ?? []
        ).flatMap((v) => v.secret?.items?.map((i) => i.key) ?? []),
      );
      expect(keys).toEqual(expect.arrayContaining([...new Set([...read, ...mounted])]));
    }
  });
});
