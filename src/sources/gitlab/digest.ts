import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/index.js';
import type { ServiceFacts } from './map.js';

/**
 * What a project's services depend on besides its repository at a commit: the settings that shape
 * the read, and the release tags that ranges and release series resolve against.
 */
export interface ReadInputs {
  valuesFiles: readonly string[];
  /** The central chart's name; undefined when it was unknown (every chart version then is). */
  chartName?: string;
  pipelineProject?: string;
  /** The GitLab host CI/CD component addresses are compared with. */
  host: string;
  chartTags: readonly string[];
  pipelineTags: readonly string[];
}

/** What a read of a project produced that its services hold. */
export interface ReadResult {
  pipelineVersion?: string;
  services: readonly ServiceFacts[];
  /** A version came from a range or a release series: new release tags can change it. */
  followsReleases: boolean;
}

/**
 * A digest of the services a read of a project produced and of what the read depended on. It is
 * written on the project with its head commit, and the project is carried over only while its
 * services, as Port holds them, give the same digest: a service write that failed or never happened
 * (an aborted run), a settings change or, for a project that follows releases, a new release tag
 * all make the project read again.
 */
export function readDigest(result: ReadResult, inputs: ReadInputs): string {
  const services = [...result.services]
    .map((s) => ({ name: s.name, path: s.path, chartVersion: s.chartVersion ?? null }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const input = {
    valuesFiles: inputs.valuesFiles,
    chartName: inputs.chartName ?? null,
    pipelineProject: inputs.pipelineProject ?? null,
    host: inputs.host.toLowerCase(),
    ...(result.followsReleases ? { chartTags: [...inputs.chartTags].sort(), pipelineTags: [...inputs.pipelineTags].sort() } : {}),
  };
  const text = canonicalJson({ v: 1, input, pipelineVersion: result.pipelineVersion ?? null, services });
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * Whether a project's previous services are exactly what the read recorded in `digest` is under the
 * current inputs; the project's read either followed releases or not, so both are tried.
 */
export function matchesDigest(digest: string | undefined, previous: Omit<ReadResult, 'followsReleases'>, inputs: ReadInputs): boolean {
  if (digest === undefined) return false;
  return (
    readDigest({ ...previous, followsReleases: false }, inputs) === digest ||
    readDigest({ ...previous, followsReleases: true }, inputs) === digest
  );
}
