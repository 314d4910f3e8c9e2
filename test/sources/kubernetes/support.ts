import { loadConfig } from '../../../src/config.js';
import { NO_PREVIOUS, type PreviousCatalog, type SourceResult } from '../../../src/domain/index.js';
import type { AwsClientOptions } from '../../../src/aws/index.js';
import { createKubernetesSource, kubernetesSource, type KubernetesSettings } from '../../../src/sources/kubernetes/index.js';
import { sourceSettingsOf } from '../../../src/sources/registry.js';
import type { SandboxWorkload } from '../../../src/k8s-sandbox/index.js';
import { memoryLogger, type LogLine } from '../aws/support.js';

/** The kubernetes source's own settings as the loader reads them (loopback Port, no credentials). */
export function kubernetesSettings(env: Record<string, string>): KubernetesSettings {
  return sourceSettingsOf(loadConfig({ PORT_BASE_URL: 'http://127.0.0.1:5555', SOURCES: 'kubernetes', ...env }), kubernetesSource);
}

export interface Collected extends SourceResult {
  lines: LogLine[];
}

export async function collectKubernetes(
  env: Record<string, string>,
  options: {
    aws?: AwsClientOptions;
    signal?: AbortSignal;
    previous?: PreviousCatalog;
    serviceAccountRoot?: string;
    pageTimeoutMs?: number;
  } = {},
): Promise<Collected> {
  const { logger, lines } = memoryLogger();
  const source = createKubernetesSource(kubernetesSettings(env), {
    logger,
    ...(options.aws ? { aws: options.aws } : {}),
    ...(options.serviceAccountRoot ? { serviceAccountRoot: options.serviceAccountRoot } : {}),
    ...(options.pageTimeoutMs ? { pageTimeoutMs: options.pageTimeoutMs } : {}),
  });
  const result = await source.collect({
    logger,
    now: new Date('2026-11-15T12:00:00Z'),
    signal: options.signal ?? new AbortController().signal,
    previous: options.previous ?? NO_PREVIOUS,
  });
  return { ...result, lines };
}

export const deployment = (namespace: string, name: string, extra: Partial<SandboxWorkload> = {}): SandboxWorkload => ({
  kind: 'Deployment',
  namespace,
  name,
  labels: { 'app.kubernetes.io/name': name, 'helm.sh/chart': 'acme-service-4.3.1' },
  images: [`registry.example.com/acme/${name}:1.4.2`],
  replicas: 2,
  readyReplicas: 2,
  ...extra,
});

/**
 * One cluster's workloads: healthy, degraded and down ones, a StatefulSet named only by Helm's
 * instance label and without a chart label, one without any label, and a system namespace.
 */
export function clusterWorkloads(): SandboxWorkload[] {
  return [
    deployment('checkout', 'checkout-api', { replicas: 3, readyReplicas: 3 }),
    deployment('payments', 'payments-api', {
      labels: { 'app.kubernetes.io/name': 'Payments-API', 'helm.sh/chart': 'acme-service-4.2.0-rc.1' },
      replicas: 4,
      readyReplicas: 2,
    }),
    {
      kind: 'StatefulSet',
      namespace: 'payments',
      name: 'ledger',
      labels: { 'app.kubernetes.io/instance': 'ledger' },
      images: ['registry.example.com/acme/ledger@sha256:abcd', 'envoy:1.30'],
      replicas: 2,
      readyReplicas: 0,
    },
    { kind: 'Deployment', namespace: 'tools', name: 'debug', images: ['busybox'], replicas: 1, readyReplicas: 1 },
    deployment('kube-system', 'coredns'),
  ];
}
