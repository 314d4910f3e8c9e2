import { defineSettings } from '../config/define.js';
import type { Ownership, SourceResult } from '../domain/index.js';
import { gitlabSource } from '../sources/gitlab/index.js';
import { kubernetesSource } from '../sources/kubernetes/index.js';
import { createRegistry, type Registry } from '../sources/registry.js';
import type { SourceModule } from '../sources/types.js';
import { sampleEstate } from './sample-estate.js';

/** Which week of the sample the sample sources report. */
export interface SampleWeek {
  week: 1 | 2;
}

/** A source that reports the sample's run of `id` for the current week. */
function sampleSource(id: string, clock: SampleWeek): SourceModule<Record<string, never>> {
  const runOf = () => sampleEstate(clock.week).find((run) => run.id === id)!;
  const owns: Ownership = runOf().owns;
  return {
    id,
    owns,
    settings: defineSettings({ id: `sample-${id}`, title: `sample ${id} source`, rows: {}, read: () => ({}) }),
    create: () => ({ id, owns, collect: async (): Promise<SourceResult> => runOf().result }),
  };
}

/**
 * The demo's sources: the real gitlab and kubernetes sources, reading the local GitLab and
 * Kubernetes sandboxes, and the sample's aws and cost runs standing in for AWS and Cost Explorer.
 */
export function sampleRegistry(clock: SampleWeek): Registry {
  return createRegistry([sampleSource('aws', clock), gitlabSource, kubernetesSource, sampleSource('cost', clock)]);
}
