import type { Source } from '../../domain/index.js';
import { ConfigError } from '../../errors.js';
import type { SourceDeps, SourceModule } from '../types.js';
import { KUBERNETES_OWNS } from './map.js';
import { KUBERNETES_SETTINGS, type KubernetesSettings } from './settings.js';

export { KUBERNETES_OWNS } from './map.js';
export type { KubernetesSettings } from './settings.js';

export interface KubernetesSourceDeps extends SourceDeps {
  /** Where the in-cluster mode finds the service account's files: a test seam; unset in a pod. */
  serviceAccountRoot?: string;
  /** The longest one list page may take; default PAGE_TIMEOUT_MS (tests shorten it). */
  pageTimeoutMs?: number;
}

export function createKubernetesSource(settings: KubernetesSettings, deps: KubernetesSourceDeps): Source {
  if (settings.mode === 'eks' && settings.access.regions.length === 0) {
    throw new ConfigError(['AWS_REGIONS: the kubernetes source finds EKS clusters per region and needs at least one']);
  }
  return {
    id: 'kubernetes',
    owns: KUBERNETES_OWNS,
    // The Kubernetes client is loaded when the source first runs: importing it costs about 120 MB of
    // resident memory, which an installation without this source (or a run without it) never pays.
    collect: async (context) => (await import('./collect.js')).collectKubernetes(settings, deps, context),
  };
}

export const kubernetesSource: SourceModule<KubernetesSettings> = {
  id: 'kubernetes',
  owns: KUBERNETES_OWNS,
  settings: KUBERNETES_SETTINGS,
  create: createKubernetesSource,
};
