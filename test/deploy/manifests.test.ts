import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CronJob } from 'kubernetes-models/batch/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ClusterRole, ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Namespace, Secret, ServiceAccount } from 'kubernetes-models/v1';
import { configSettings } from '../../src/config.js';
import { runCli } from '../support/cli.js';
import { KUSTOMIZE_ROOT, render, renderFromFiles, RENDERER, type Manifest } from './render.js';

/** The schema class of every kind the variants hold; any other kind fails the test. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'apps/v1/Deployment': Deployment,
  'batch/v1/CronJob': CronJob,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
};

interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string } }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface PodSpec {
  serviceAccountName: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  volumes?: ({ name: string } & Record<string, unknown>)[];
}

const one = (manifests: Manifest[], kind: string): Manifest => {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

const KNOWN_SETTINGS = new Set(configSettings().map((s) => s.env));

/** `port-sync --help`: the commands this build really has. */
async function commands(): Promise<string[]> {
  const help = await runCli(['--help']);
  const section = help.stdout.split('Commands:')[1] ?? '';
  return [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!);
}

function podOf(manifest: Manifest): PodSpec {
  const spec = manifest.spec as { template?: { spec: PodSpec }; jobTemplate?: { spec: { template: { spec: PodSpec } } } };
  return spec.template?.spec ?? spec.jobTemplate!.spec.template.spec;
}

/** Every variable the container receives: its env and the keys of the ConfigMaps it loads. */
function environment(container: Container, manifests: Manifest[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const map = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === name);
    expect(map, `ConfigMap ${name}`).toBeDefined();
    for (const [k, v] of Object.entries((map!.data as Record<string, string>) ?? {})) vars.set(k, v);
  }
  for (const e of container.env ?? []) vars.set(e.name, e.value ?? '');
  return vars;
}

function checkPodSecurity(pod: PodSpec, container: Container): void {
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(pod.securityContext?.runAsUser).not.toBe(0);
  expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  expect(container.securityContext?.capabilities?.drop).toEqual(['ALL']);
  expect(container.securityContext?.privileged ?? false).toBe(false);
  // The only writable path is /tmp, an emptyDir.
  const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
  expect(pod.volumes?.find((v) => v.name === tmp?.name)).toHaveProperty('emptyDir');
  expect(container.resources?.requests).toMatchObject({ cpu: expect.any(String) as string, memory: expect.any(String) as string });
  expect(container.resources?.limits).toMatchObject({ memory: expect.any(String) as string });
  expect(pod.serviceAccountName).toBe('port-catalog-sync');
}

/** The *_FILE variables point into the mounted credentials Secret, at keys the template defines. */
function checkSecretFiles(pod: PodSpec, container: Container, vars: Map<string, string>): void {
  const template = parse(readFileSync(join(KUSTOMIZE_ROOT, 'base/secret.template.yaml'), 'utf8')) as Manifest & {
    stringData: Record<string, string>;
  };
  const volume = pod.volumes?.find((v) => (v.secret as { secretName?: string } | undefined)?.secretName === template.metadata.name);
  expect(volume).toBeDefined();
  const mount = container.volumeMounts?.find((m) => m.name === volume!.name);
  expect(mount?.readOnly).toBe(true);
  const files = [...vars].filter(([name]) => name.endsWith('_FILE'));
  expect(files.map(([name]) => name).sort()).toEqual(['PORT_CLIENT_ID_FILE', 'PORT_CLIENT_SECRET_FILE']);
  for (const [, path] of files) {
    expect(path.startsWith(`${mount!.mountPath}/`)).toBe(true);
    expect(Object.keys(template.stringData)).toContain(path.slice(mount!.mountPath.length + 1));
  }
  // No secret value travels in plain env.
  for (const name of vars.keys()) expect(['PORT_CLIENT_SECRET', 'GITLAB_TOKEN', 'PORT_CLIENT_ID']).not.toContain(name);
}

describe(`deploy/kubernetes, rendered with ${RENDERER}`, () => {
  const variants = { serve: render('serve'), cronjob: render('cronjob') };

  it.each(Object.entries(variants))('every manifest of the %s variant is valid against the Kubernetes schemas', (_, manifests) => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest as never).validate(), `${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
    }
  });

  it('the schemas refuse a broken manifest, and the file reader renders what kustomize does', () => {
    const deployment = structuredClone(one(variants.serve, 'Deployment')) as Manifest & { spec: Record<string, unknown> };
    deployment.spec.replicas = 'one';
    expect(() => new Deployment(deployment as never).validate()).toThrow();
    delete deployment.spec.selector;
    deployment.spec.replicas = 1;
    expect(() => new Deployment(deployment as never).validate()).toThrow();
    const names = (ms: Manifest[]) =>
      ms.map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort();
    for (const variant of ['serve', 'cronjob']) expect(names(renderFromFiles(variant))).toEqual(names(render(variant)));
  });

  it('the Secret template is a valid Secret and is not applied by either variant', () => {
    const template = parse(readFileSync(join(KUSTOMIZE_ROOT, 'base/secret.template.yaml'), 'utf8')) as Manifest;
    expect(() => new Secret(template as never).validate()).not.toThrow();
    for (const manifests of Object.values(variants)) expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  it.each(Object.entries(variants))(
    'the %s variant shares the base: IRSA ServiceAccount, ConfigMap, read-only ClusterRole and its binding',
    (_, manifests) => {
      const account = one(manifests, 'ServiceAccount');
      expect(account.metadata.annotations?.['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\/.+/);
      expect(account.metadata.namespace).toBe('port-catalog-sync');
      const role = one(manifests, 'ClusterRole') as Manifest & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] };
      const granted = role.rules.flatMap((r) =>
        r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res}:${v}`))),
      );
      expect(granted.sort()).toEqual(
        [
          'apps/deployments:get',
          'apps/deployments:list',
          'apps/statefulsets:get',
          'apps/statefulsets:list',
          '/namespaces:get',
          '/namespaces:list',
        ].sort(),
      );
      const binding = one(manifests, 'ClusterRoleBinding') as Manifest & {
        roleRef: { name: string };
        subjects: { kind: string; name: string; namespace?: string }[];
      };
      expect(binding.roleRef.name).toBe(role.metadata.name);
      expect(binding.subjects).toContainEqual({
        kind: 'ServiceAccount',
        name: account.metadata.name,
        namespace: account.metadata.namespace,
      });
      expect(binding.subjects.map((s) => s.kind)).toContain('Group');
    },
  );

  it('the Deployment runs serve: one replica, Recreate, probes on the contract paths at HTTP_PORT, locked down', async () => {
    const manifests = variants.serve;
    const deployment = one(manifests, 'Deployment');
    const spec = deployment.spec as { replicas: number; strategy: { type: string } };
    expect(spec.replicas).toBe(1);
    expect(spec.strategy.type).toBe('Recreate');
    const pod = podOf(deployment);
    expect(pod.containers).toHaveLength(1);
    const container = pod.containers[0]!;
    expect(container.args).toEqual(['serve']);
    expect(await commands()).toContain('serve');

    const vars = environment(container, manifests);
    for (const name of vars.keys()) expect(KNOWN_SETTINGS, `${name} is not a setting`).toContain(name);
    const httpPort = Number(vars.get('HTTP_PORT') ?? '8080');
    const port = container.ports?.find((p) => p.containerPort === httpPort);
    expect(port, `container port ${httpPort}`).toBeDefined();
    const probePort = (probe: Container['livenessProbe']) =>
      typeof probe?.httpGet?.port === 'number'
        ? probe.httpGet.port
        : container.ports?.find((p) => p.name === probe?.httpGet?.port)?.containerPort;
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(probePort(container.livenessProbe)).toBe(httpPort);
    expect(probePort(container.readinessProbe)).toBe(httpPort);
    const template = (deployment.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata;
    expect(template.annotations['prometheus.io/port']).toBe(String(httpPort));

    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(vars.get('SHUTDOWN_TIMEOUT_S') ?? '20'));
    checkPodSecurity(pod, container);
    checkSecretFiles(pod, container, vars);
  });

  it('the CronJob runs sync once per schedule: Forbid, no retry, bounded in time', async () => {
    const manifests = variants.cronjob;
    expect(manifests.filter((m) => m.kind === 'Deployment')).toEqual([]);
    const cron = one(manifests, 'CronJob');
    const spec = cron.spec as {
      schedule: string;
      concurrencyPolicy: string;
      startingDeadlineSeconds: number;
      jobTemplate: { spec: { backoffLimit: number; activeDeadlineSeconds: number; template: { spec: { restartPolicy: string } } } };
    };
    expect(spec.concurrencyPolicy).toBe('Forbid');
    expect(spec.startingDeadlineSeconds).toBeGreaterThan(0);
    expect(spec.jobTemplate.spec.backoffLimit).toBe(0);
    expect(spec.jobTemplate.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
    const pod = podOf(cron);
    const container = pod.containers[0]!;
    expect(container.args).toEqual(['sync']);
    expect(await commands()).toContain('sync');
    const vars = environment(container, manifests);
    for (const name of vars.keys()) expect(KNOWN_SETTINGS, `${name} is not a setting`).toContain(name);
    checkPodSecurity(pod, container);
    checkSecretFiles(pod, container, vars);
  });

  it('both variants use the same image, set by the kustomization', () => {
    const images = [podOf(one(variants.serve, 'Deployment')), podOf(one(variants.cronjob, 'CronJob'))].map((p) => p.containers[0]!.image);
    expect(new Set(images).size).toBe(1);
    if (RENDERER === 'kubectl kustomize') expect(images[0]).toMatch(/\/port-catalog-sync:\S+$/);
  });
});
