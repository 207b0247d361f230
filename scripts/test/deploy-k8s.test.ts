// The Kubernetes overlays, rendered as kustomize would (scripts/test/kustomize.ts), without a cluster or
// the kustomize binary: every object valid against the Kubernetes schema (kubernetes-models), the External
// Secrets objects checked by hand (a CRD), and what a rollout relies on: probes, resources, an HPA and a
// PDB per Deployment, graceful termination longer than the drain, the environment each service's config
// schema needs, migrations before the rollout, WebSocket stickiness at the load balancer.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deploymentEnvProblems, repoRoot, SERVICE_NAMES, SERVICE_SCHEMAS, type ServiceName } from './deploy-env';
import { containersOf, renderKustomization, type K8sObject } from './kustomize';

const OVERLAYS = ['staging', 'production'];
const render = (overlay: string) => renderKustomization(path.join(repoRoot, 'deploy', 'k8s', 'overlays', overlay));
const { SERVICE_NODE_OPTIONS } = (await import(pathToFileURL(path.join(repoRoot, 'scripts/lib/config.mjs')).href)) as {
  SERVICE_NODE_OPTIONS: Record<string, string>;
};
const { MIGRATED_SERVICES } = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-services.mjs')).href)) as {
  MIGRATED_SERVICES: string[];
};

type Container = {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  volumeMounts?: { name: string; mountPath: string }[];
};
type PodSpec = {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  topologySpreadConstraints?: unknown[];
  serviceAccountName?: string;
  volumes?: {
    name: string;
    secret?: { secretName: string; defaultMode?: number; items?: { key: string; path: string }[] };
  }[];
  securityContext?: { runAsUser?: number; runAsNonRoot?: boolean; fsGroup?: number };
};
const podSpec = (o: K8sObject) =>
  (o.spec as { template: { spec: PodSpec; metadata: { labels: Record<string, string> } } }).template;
const find = (objects: K8sObject[], kind: string, name?: string) =>
  objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
const one = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const [found] = find(objects, kind, name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** kubernetes-models' class for an object's apiVersion and kind (core `v1` included). */
async function modelOf(object: K8sObject): Promise<(new (data: unknown) => { validate(): void }) | undefined> {
  const models = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<string, unknown>;
  return models[object.kind] as (new (data: unknown) => { validate(): void }) | undefined;
}

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  const objects = render(overlay);
  const deployments = find(objects, 'Deployment');
  const config = (one(objects, 'ConfigMap', 'taskflow-config').data ?? {}) as Record<string, string>;

  it('renders objects that the Kubernetes schema accepts, each once, all in one namespace', async () => {
    expect(objects.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    for (const object of objects) {
      const id = `${object.kind}/${object.metadata.name}`;
      expect(seen.has(id), `${id} twice`).toBe(false);
      seen.add(id);
      expect(object.metadata.namespace, id).toBe('taskflow');
      expect(object.metadata.labels?.['app.kubernetes.io/component'], `${id} has no component label`).toMatch(
        /^(config|migrations|app)$/,
      );
      if (object.apiVersion.startsWith('external-secrets.io/')) continue;
      const Model = await modelOf(object);
      expect(Model, `kubernetes-models has no ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(() => new Model!(object).validate(), id).not.toThrow();
    }
  });

  it('syncs the secrets from AWS Secrets Manager through a store that authenticates as an IRSA service account', () => {
    const [store] = find(objects, 'SecretStore');
    const [external] = find(objects, 'ExternalSecret');
    expect(store?.apiVersion).toBe('external-secrets.io/v1');
    expect(external?.apiVersion).toBe('external-secrets.io/v1');
    const aws = (
      store!.spec as {
        provider: { aws: { service: string; region: string; auth: { jwt: { serviceAccountRef: { name: string } } } } };
      }
    ).provider.aws;
    expect(aws.service).toBe('SecretsManager');
    expect(aws.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    const reader = one(objects, 'ServiceAccount', aws.auth.jwt.serviceAccountRef.name);
    expect(reader.metadata.annotations?.['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\/taskflow-/);
    const spec = external!.spec as {
      secretStoreRef: { name: string; kind: string };
      target: { name: string };
      dataFrom: { extract: { key: string } }[];
    };
    expect(spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: store!.metadata.name });
    expect(spec.dataFrom[0]?.extract.key).toBe(`taskflow/${overlay}/app`);
    // Every Secret a workload reads is the one this ExternalSecret writes.
    const secretNames = objects.flatMap((o) => [
      ...containersOf(o).flatMap((c) =>
        ((c as Container).env ?? []).flatMap((e) => e.valueFrom?.secretKeyRef?.name ?? []),
      ),
      ...(o.spec && 'template' in (o.spec as object)
        ? (podSpec(o).spec.volumes ?? []).flatMap((v) => v.secret?.secretName ?? [])
        : []),
    ]);
    expect(new Set(secretNames)).toEqual(new Set([spec.target.name]));
  });

  it('gives every Deployment probes, resources, spread, an HPA, a PDB and a termination longer than its drain', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...SERVICE_NAMES, 'gateway'].sort());
    const drainMs = Number(
      config.SHUTDOWN_TIMEOUT_MS ?? SERVICE_SCHEMAS.auth.shape.SHUTDOWN_TIMEOUT_MS.parse(undefined),
    );
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const { spec, metadata } = podSpec(deployment);
      for (const container of spec.containers) {
        expect(container.readinessProbe?.httpGet, name).toBeDefined();
        expect(container.livenessProbe?.httpGet, name).toBeDefined();
        if (SERVICE_NAMES.includes(name as ServiceName)) {
          expect(container.readinessProbe?.httpGet?.path, name).toBe('/readyz');
          expect(container.livenessProbe?.httpGet?.path, name).toBe('/healthz');
        }
        expect(container.resources?.requests?.cpu, name).toBeDefined();
        expect(container.resources?.requests?.memory, name).toBeDefined();
        expect(container.resources?.limits?.memory, name).toBeDefined();
        const [command, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
        expect(command, `${name} preStop`).toBe('sleep');
        const drain = SERVICE_NAMES.includes(name as ServiceName) ? drainMs : 0;
        expect(spec.terminationGracePeriodSeconds! * 1000, name).toBeGreaterThan(Number(seconds) * 1000 + drain);
      }
      expect(spec.topologySpreadConstraints?.length, name).toBeGreaterThan(0);
      const hpa = find(objects, 'HorizontalPodAutoscaler').filter(
        (h) => (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef.name === name,
      );
      expect(hpa, `${name} HPA`).toHaveLength(1);
      const pdb = find(objects, 'PodDisruptionBudget').filter((p) =>
        matches(
          (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          metadata.labels,
        ),
      );
      expect(pdb, `${name} PDB`).toHaveLength(1);
      // One instance may go at a time, and the autoscaler never runs fewer than that leaves serving.
      expect((hpa[0]!.spec as { minReplicas: number }).minReplicas, name).toBeGreaterThanOrEqual(1);
      const account = one(objects, 'ServiceAccount', spec.serviceAccountName ?? 'default');
      if (name !== 'gateway')
        expect(account.metadata.annotations?.['eks.amazonaws.com/role-arn'], name).toMatch(
          new RegExp(`^arn:aws:iam::\\d{12}:role/taskflow-${overlay}-${name}$`),
        );
    }
  });

  it('gives each service every variable its config schema needs, and its secret files where they are read', () => {
    const services = new Set(find(objects, 'Service').map((s) => s.metadata.name));
    for (const name of SERVICE_NAMES) {
      const { spec } = podSpec(one(objects, 'Deployment', name));
      const container = spec.containers[0]!;
      const fromConfig = container.envFrom?.some((e) => e.configMapRef?.name === 'taskflow-config') ? config : {};
      const literal = Object.fromEntries(
        (container.env ?? []).flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value]])),
      );
      const fromSecret = (container.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
      // A secret's value is not in the repository: the schema's own default stands in for its shape,
      // with credentials of its own where it is a URL (production refuses password-less or guest ones).
      const schema = SERVICE_SCHEMAS[name].shape as Record<string, { parse(v: unknown): unknown }>;
      const stand = Object.fromEntries(
        fromSecret.map((key) => [key, withCredentials(String(schema[key]?.parse(undefined) ?? 'x'))]),
      );
      const env = { ...fromConfig, ...literal };
      const problems = deploymentEnvProblems(
        name,
        { ...env, ...stand },
        (host) => services.has(host) || fromSecret.some((k) => stand[k]?.includes(host)),
      );
      expect(problems).toEqual([]);
      for (const key of ['AUTH_KEY_FILE', 'CALENDAR_SECRET_FILE']) {
        const file = env[key];
        if (!file) continue;
        const mount = container.volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
        const volume = spec.volumes?.find((v) => v.name === mount?.name);
        expect(
          volume?.secret?.items?.map((i) => `${mount!.mountPath}/${i.path}`),
          `${name} ${key}`,
        ).toContain(file);
        // The service runs as a non-root user: the file must be readable by it (its group, via fsGroup).
        expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
        expect(spec.securityContext?.fsGroup, name).toBeDefined();
        expect((volume!.secret!.defaultMode ?? 0o644) & 0o040, `${name}: ${key} is not group-readable`).toBe(0o040);
      }
    }
  });

  it.each(Object.entries(SERVICE_NODE_OPTIONS))('runs %s with the V8 flags npm start gives it', (name, flags) => {
    const container = podSpec(one(objects, 'Deployment', name)).spec.containers[0]!;
    expect(container.env?.find((e) => e.name === 'NODE_OPTIONS')?.value).toBe(flags);
  });

  it('runs each database migration as a Job of the same image with the same database', () => {
    const jobs = find(objects, 'Job');
    for (const name of MIGRATED_SERVICES) {
      const job = jobs.find((j) => j.metadata.name === `migrate-${name}`);
      expect(job, name).toBeDefined();
      expect(job!.metadata.labels?.['app.kubernetes.io/component']).toBe('migrations');
      const [migrate] = podSpec(job!).spec.containers;
      const [service] = podSpec(one(objects, 'Deployment', name)).spec.containers;
      expect(migrate!.image).toBe(service!.image);
      expect(migrate!.command).toEqual(['node', 'dist/migrate.mjs']);
      const database = (c: Container) => c.env?.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
      expect(database(migrate!)).toEqual(database(service!));
    }
    expect(jobs).toHaveLength(MIGRATED_SERVICES.length);
  });

  it('sends /socket.io/ to notifications with sticky targets and everything else to the gateway, over HTTPS', () => {
    const ingress = one(objects, 'Ingress', 'taskflow');
    const annotations = ingress.metadata.annotations ?? {};
    expect(annotations['alb.ingress.kubernetes.io/target-type']).toBe('ip');
    expect(annotations['alb.ingress.kubernetes.io/certificate-arn']).toMatch(/^arn:aws:acm:/);
    expect(
      Number(
        /idle_timeout\.timeout_seconds=(\d+)/.exec(
          annotations['alb.ingress.kubernetes.io/load-balancer-attributes'] ?? '',
        )?.[1],
      ),
    ).toBeGreaterThan(25);
    const spec = ingress.spec as {
      ingressClassName: string;
      rules: {
        host: string;
        http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] };
      }[];
    };
    expect(spec.ingressClassName).toBe('alb');
    const paths = Object.fromEntries(spec.rules[0]!.http.paths.map((p) => [p.path, p.backend.service]));
    expect(paths['/socket.io/']?.name).toBe('notifications');
    expect(paths['/']?.name).toBe('gateway');
    expect(new URL(config.APP_URL!).host).toBe(spec.rules[0]!.host);
    for (const backend of Object.values(paths)) {
      const service = one(objects, 'Service', backend.name);
      expect((service.spec as { ports: { name: string }[] }).ports.map((p) => p.name)).toContain(backend.port.name);
    }
    const sticky = one(objects, 'Service', 'notifications').metadata.annotations?.[
      'alb.ingress.kubernetes.io/target-group-attributes'
    ];
    expect(sticky).toContain('stickiness.enabled=true');
  });
});

/** `value` with a user and password of its own when it is a URL with a host (a stand-in for a secret). */
function withCredentials(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(value)) return value;
  const url = new URL(value);
  url.username = 'from-secret';
  url.password = 'from-secret';
  return url.toString();
}
