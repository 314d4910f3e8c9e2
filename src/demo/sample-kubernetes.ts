import type { SandboxWorkload } from '../k8s-sandbox/index.js';
import { SAMPLE_CLUSTER_ARN, sampleChartVersion } from './sample-estate.js';

/**
 * What runs on the sample's EKS cluster, as the demo's local Kubernetes API server serves it to the
 * real kubernetes source: each service's Deployment, labelled as its Helm chart labels it. In week
 * 2 payments-api has lost half its replicas.
 */
export function sampleWorkloads(week: 1 | 2): SandboxWorkload[] {
  const workloads = [
    { name: 'checkout-api', namespace: 'checkout', replicas: 3, ready: 3 },
    { name: 'payments-api', namespace: 'payments', replicas: 4, ready: week === 1 ? 4 : 2 },
    { name: 'payments-worker', namespace: 'payments', replicas: 2, ready: 2 },
    { name: 'search', namespace: 'search', replicas: 3, ready: 3 },
  ];
  return [
    ...workloads.map((w): SandboxWorkload => ({
      kind: 'Deployment',
      namespace: w.namespace,
      name: w.name,
      labels: {
        'app.kubernetes.io/name': w.name,
        'app.kubernetes.io/instance': w.name,
        'helm.sh/chart': `acme-service-${sampleChartVersion(w.name, week) ?? '0.0.0'}`,
      },
      images: [`registry.example.com/acme/${w.name}:1.4.2`],
      replicas: w.replicas,
      readyReplicas: w.ready,
    })),
    // The cluster's own add-ons: in a system namespace, so not catalogued.
    {
      kind: 'Deployment',
      namespace: 'kube-system',
      name: 'coredns',
      labels: { 'k8s-app': 'kube-dns' },
      images: ['coredns:1.11'],
      replicas: 2,
      readyReplicas: 2,
    },
  ];
}

/**
 * A kubeconfig with one context, named by the cluster's ARN as `aws eks update-kubeconfig` names
 * it, so the workloads get the EKS identifiers and their eksCluster relation.
 */
export function sampleKubeconfig(server: { url: string; caData: string; token: string }): string {
  const quoted = JSON.stringify;
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${quoted(SAMPLE_CLUSTER_ARN)}`,
    'clusters:',
    `- name: ${quoted(SAMPLE_CLUSTER_ARN)}`,
    '  cluster:',
    `    server: ${quoted(server.url)}`,
    `    certificate-authority-data: ${server.caData}`,
    'users:',
    '- name: demo',
    '  user:',
    `    token: ${quoted(server.token)}`,
    'contexts:',
    `- name: ${quoted(SAMPLE_CLUSTER_ARN)}`,
    '  context:',
    `    cluster: ${quoted(SAMPLE_CLUSTER_ARN)}`,
    '    user: demo',
    '',
  ].join('\n');
}

/** The cluster's environment, as its environment tag says (the kubeconfig mode cannot read tags). */
export const SAMPLE_CLUSTER_ENVIRONMENTS = `${SAMPLE_CLUSTER_ARN}=prod`;
