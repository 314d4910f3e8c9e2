import type { EntityFragment } from '../../domain/index.js';
import { lagOf, latestVersion, releasesBehind } from './versions.js';

export { GITLAB_OWNS } from './owns.js';

/** A project as the source read it (or carried it over from what it wrote last time). */
export interface ProjectFacts {
  fullPath: string;
  webUrl: string;
  namespace: string;
  defaultBranch?: string;
  lastActivityAt?: string;
  visibility?: string;
  /** The default branch's head commit, when the read of it produced no finding (so it is not re-read). */
  headCommit?: string;
  /** Digest of the services read at headCommit and of what the read depended on (digest.ts); set with headCommit. */
  readDigest?: string;
  /** The team its group names (raw: the join normalises it and maps it through TEAM_ALIASES). */
  team: string;
  pipelineVersion?: string;
  services: ServiceFacts[];
}

export interface ServiceFacts {
  name: string;
  /** The folder, '' for the repository root. */
  path: string;
  chartVersion?: string;
}

/** The central projects' release tags, read once per run. */
export interface Releases {
  chartTags: readonly string[];
  pipelineTags: readonly string[];
}

/** `repoUrl`: the folder in GitLab's tree view of the default branch. */
export function repoUrl(project: Pick<ProjectFacts, 'webUrl' | 'defaultBranch'>, path: string): string {
  const branch = project.defaultBranch ?? 'HEAD';
  return `${project.webUrl}/-/tree/${encodeURIComponent(branch).replace(/%2F/g, '/')}${path ? `/${path}` : ''}`;
}

/** Pure: the project's and its services' fragments, with the lags computed against the latest releases. */
export function mapProject(project: ProjectFacts, releases: Releases, scope: string): EntityFragment[] {
  const chartLatest = latestVersion(releases.chartTags);
  const pipelineLatest = latestVersion(releases.pipelineTags);
  const pipeline = {
    pipelineVersion: project.pipelineVersion ?? null,
    pipelineLatest: pipelineLatest ?? null,
    pipelineLag: lagOf(project.pipelineVersion, pipelineLatest),
    pipelineReleasesBehind: releasesBehind(project.pipelineVersion, releases.pipelineTags),
  };
  const services = project.services.map((service): EntityFragment => ({
    blueprint: 'service',
    identifier: service.name,
    title: service.name,
    scope,
    properties: {
      repoUrl: repoUrl(project, service.path),
      path: service.path,
      chartVersion: service.chartVersion ?? null,
      chartLatest: chartLatest ?? null,
      chartLag: lagOf(service.chartVersion, chartLatest),
      chartReleasesBehind: releasesBehind(service.chartVersion, releases.chartTags),
      ...pipeline,
      hasRepository: true,
    },
    relations: { team: project.team, gitlabProject: project.fullPath },
  }));
  const entity: EntityFragment = {
    blueprint: 'gitlabProject',
    identifier: project.fullPath,
    title: project.fullPath.split('/').pop() ?? project.fullPath,
    scope,
    properties: {
      url: project.webUrl,
      namespace: project.namespace,
      defaultBranch: project.defaultBranch ?? null,
      lastActivityAt: project.lastActivityAt ?? null,
      visibility: project.visibility ?? null,
      isMonorepo: project.services.length > 1,
      serviceCount: project.services.length,
      headCommit: project.headCommit ?? null,
      readDigest: project.readDigest ?? null,
    },
    relations: { team: project.team },
  };
  return [entity, ...services];
}

/**
 * The team of a project found under `group` (one of GITLAB_GROUPS): the configured team of the group,
 * else its last path segment.
 */
export function teamOf(group: string, groupTeams: Readonly<Record<string, string>>): string {
  return groupTeams[group] ?? group.split('/').pop() ?? group;
}
