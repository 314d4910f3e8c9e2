import {
  formatScope,
  type EntityFragment,
  type Finding,
  type ScopeResult,
  type Source,
  type SourceContext,
  type SourceResult,
} from '../../domain/index.js';
import { ConfigError, RunAbortedError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { sourceLogger } from '../log.js';
import type { SourceDeps, SourceModule } from '../types.js';
import { createGitlabClient, type GitlabClient, type GitlabProject } from './client.js';
import { GITLAB_OWNS, mapProject, teamOf, type ProjectFacts } from './map.js';
import { previousProject, servicesByProject } from './previous.js';
import { readProject, type ProjectRead } from './project.js';
import { readReleases, type CentralReleases } from './releases.js';
import { GITLAB_SETTINGS, type GitlabSettings } from './settings.js';

export type { GitlabSettings } from './settings.js';
export { GITLAB_OWNS } from './map.js';

export interface GitlabSourceDeps extends SourceDeps {
  /** Test seams of the client (sleep, clock, random). */
  client?: Partial<Parameters<typeof createGitlabClient>[0]>;
}

export function createGitlabSource(settings: GitlabSettings, deps: GitlabSourceDeps): Source {
  if (!settings.token) throw new ConfigError(['GITLAB_TOKEN: the gitlab source needs a token with the read_api scope']);
  if (settings.groups.length === 0) throw new ConfigError(['GITLAB_GROUPS: the gitlab source needs at least one group']);
  return { id: 'gitlab', owns: GITLAB_OWNS, collect: (context) => collectGitlab(settings, deps, context) };
}

export const gitlabSource: SourceModule<GitlabSettings> = {
  id: 'gitlab',
  owns: GITLAB_OWNS,
  settings: GITLAB_SETTINGS,
  create: createGitlabSource,
};

/** Counters the report shows: what a run cost GitLab, and how much of it incremental reading saved. */
interface Tally {
  projects: number;
  projectsRead: number;
  projectsUnchanged: number;
  services: number;
}

async function collectGitlab(settings: GitlabSettings, deps: GitlabSourceDeps, context: SourceContext): Promise<SourceResult> {
  const log = sourceLogger(context, 'gitlab');
  const client = createGitlabClient({
    ...deps.client,
    url: settings.url,
    token: settings.token,
    concurrency: settings.concurrency,
    signal: context.signal,
    logger: log,
  });
  const groupScopes = settings.groups.map((group) => formatScope({ kind: 'gitlab', path: group }));
  const findings: Finding[] = [];
  let releases: CentralReleases;
  try {
    releases = await readReleases(client, settings, findings);
  } catch (error) {
    // Without the latest releases every lag would be wrong: nothing of GitLab is rewritten this run.
    const reason = describe(error, context.signal);
    log.error({ err: error }, 'The central chart or pipeline project could not be read');
    return {
      fragments: [],
      findings,
      scopes: groupScopes.map((scope) => ({ scope, complete: false, error: reason })),
      stats: { requests: client.requests() },
    };
  }
  const previousProjects = await context.previous.entities('gitlabProject');
  const previousServices = servicesByProject(await context.previous.entities('service'));
  const tally: Tally = { projects: 0, projectsRead: 0, projectsUnchanged: 0, services: 0 };
  const fragments: EntityFragment[] = [];
  const scopes: ScopeResult[] = [];
  for (const [group, projects] of await listGroups(client, settings.groups, scopes, context.signal, log)) {
    const scope = formatScope({ kind: 'gitlab', path: group });
    const team = teamOf(group, settings.groupTeams);
    const reads = await Promise.all(
      projects.map(async (project): Promise<ProjectRead> => {
        const previous = previousProject(project.pathWithNamespace, previousProjects, previousServices);
        return readProject(client, project, { settings, team, previous, releases, signal: context.signal });
      }),
    );
    for (const read of reads) {
      tally.projects += 1;
      findings.push(...read.findings);
      if (read.outcome === 'failed') {
        scopes.push({ scope: formatScope({ kind: 'gitlab', path: read.fullPath }), complete: false, error: read.error });
        log.warn(
          { project: read.fullPath, error: read.error },
          'GitLab project could not be read; its entities keep their previous values',
        );
      }
      if (read.outcome === 'unchanged') tally.projectsUnchanged += 1;
      if (read.outcome === 'read') tally.projectsRead += 1;
      if (!read.facts) continue;
      tally.services += read.facts.services.length;
      fragments.push(...mapProject(read.facts, releases, scope));
    }
  }
  log.info({ ...tally, requests: client.requests() }, 'GitLab projects scanned');
  return { fragments, scopes, findings, stats: { ...tally, requests: client.requests() } };
}

/**
 * Every configured group's projects, each project once: a project under two configured groups
 * (a group and its subgroup) belongs to the deeper one. A group whose listing failed is an
 * incomplete scope, and its projects are neither rewritten nor deleted.
 */
async function listGroups(
  client: GitlabClient,
  groups: readonly string[],
  scopes: ScopeResult[],
  signal: AbortSignal,
  log: Logger,
): Promise<Map<string, GitlabProject[]>> {
  const listed = await Promise.all(
    groups.map(async (group) => {
      const scope = formatScope({ kind: 'gitlab', path: group });
      try {
        const projects = await client.groupProjects(group);
        scopes.push({ scope, complete: true });
        return [group, projects] as const;
      } catch (error) {
        log.warn({ err: error, group }, 'GitLab group could not be listed; nothing of it is rewritten or deleted');
        scopes.push({ scope, complete: false, error: describe(error, signal) });
        return [group, undefined] as const;
      }
    }),
  );
  const owner = new Map<number, string>();
  for (const [group, projects] of listed) {
    for (const project of projects ?? []) {
      const current = owner.get(project.id);
      if (current === undefined || group.length > current.length) owner.set(project.id, group);
    }
  }
  const byGroup = new Map<string, GitlabProject[]>();
  for (const [group, projects] of listed) {
    if (projects)
      byGroup.set(
        group,
        projects.filter((p) => owner.get(p.id) === group && !p.archived),
      );
  }
  return byGroup;
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted || error instanceof RunAbortedError) return `aborted: ${String(signal.reason ?? 'no reason given')}`;
  return error instanceof Error ? error.message : String(error);
}

export type { ProjectFacts };
