import {
  formatScope,
  type EntityFragment,
  type Finding,
  type ScopeResult,
  type SourceContext,
  type SourceResult,
} from '../../domain/index.js';
import { RunAbortedError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { sourceLogger } from '../log.js';
import { createGitlabClient, type GitlabClient, type GitlabProject, type MalformedGitlabItem } from './client.js';
import type { ReadInputs } from './digest.js';
import { mapProject, teamOf } from './map.js';
import { keptProject, previousProject, servicesByProject } from './previous.js';
import { readProject, type ProjectRead } from './project.js';
import { readReleases, type CentralReleases } from './releases.js';
import type { GitlabSettings } from './settings.js';
import type { GitlabSourceDeps } from './index.js';

/** Counters the report shows: what a run cost GitLab, and how much of it incremental reading saved. */
interface Tally {
  projects: number;
  projectsRead: number;
  projectsUnchanged: number;
  services: number;
}

/** One run of the gitlab source (loaded when the source first runs, see index.ts). */
export async function collectGitlab(settings: GitlabSettings, deps: GitlabSourceDeps, context: SourceContext): Promise<SourceResult> {
  const log = sourceLogger(context, 'gitlab');
  const malformed: MalformedGitlabItem[] = [];
  const client = createGitlabClient({
    ...deps.client,
    url: settings.url,
    token: settings.token,
    concurrency: settings.concurrency,
    signal: context.signal,
    logger: log,
    onMalformed: (item) => void malformed.push(item),
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
  findings.push(...malformed.splice(0).map((item) => malformedFinding(item, formatScope({ kind: 'gitlab', path: item.of }))));
  const inputs: ReadInputs = {
    valuesFiles: settings.valuesFiles,
    chartName: releases.chartName,
    pipelineProject: settings.pipelineProject,
    host: new URL(settings.url).host,
    chartTags: releases.chartTags,
    pipelineTags: releases.pipelineTags,
  };
  const previousProjects = await context.previous.entities('gitlabProject');
  const previousServices = servicesByProject(await context.previous.entities('service'));
  const tally: Tally = { projects: 0, projectsRead: 0, projectsUnchanged: 0, services: 0 };
  const fragments: EntityFragment[] = [];
  const scopes: ScopeResult[] = [];
  const listing = await listGroups(client, settings.groups, malformed, context.signal, log);
  scopes.push(...listing.scopes);
  findings.push(...listing.findings);
  for (const [group, projects] of listing.projects) {
    const scope = formatScope({ kind: 'gitlab', path: group });
    const team = teamOf(group, settings.groupTeams);
    const reads = await Promise.all(
      projects.map(async (project): Promise<ProjectRead> => {
        const previous = previousProject(project.pathWithNamespace, previousProjects, previousServices);
        return readProject(client, project, { settings, team, previous, releases, inputs, signal: context.signal });
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
    // Listed in a shape this source cannot read: kept as written last time, neither rewritten nor deleted.
    for (const fullPath of listing.unreadable.get(group) ?? []) {
      const kept = keptProject(fullPath, previousProjects, previousServices);
      if (kept) fragments.push(...mapProject(kept, releases, scope));
    }
  }
  log.info({ ...tally, requests: client.requests() }, 'GitLab projects scanned');
  return { fragments, scopes, findings, stats: { ...tally, requests: client.requests() } };
}

interface GroupListing {
  /** Each configured group that was listed and the projects it owns, in GITLAB_GROUPS order. */
  projects: Map<string, GitlabProject[]>;
  /** Per group, the full paths of projects GitLab listed in a shape this source cannot read. */
  unreadable: Map<string, string[]>;
  scopes: ScopeResult[];
  findings: Finding[];
}

/**
 * Every configured group's projects, each project once, under the deepest configured group its
 * namespace is in (a project of `acme/payments` belongs to that group, not to `acme`, when both are
 * configured). A group whose listing failed is an incomplete scope, and its projects are neither
 * rewritten nor deleted; nor are they taken over by a configured parent group, whose listing holds
 * them too. A listed project this source cannot read is a finding; it is kept as it was when GitLab
 * gave its path, and otherwise its group is incomplete (which project it was cannot be known).
 */
async function listGroups(
  client: GitlabClient,
  groups: readonly string[],
  malformed: MalformedGitlabItem[],
  signal: AbortSignal,
  log: Logger,
): Promise<GroupListing> {
  const listed = await Promise.all(
    groups.map(async (group) => {
      try {
        return { group, projects: await client.groupProjects(group) };
      } catch (error) {
        log.warn({ err: error, group }, 'GitLab group could not be listed; nothing of it is rewritten or deleted');
        return { group, error: describe(error, signal) };
      }
    }),
  );
  const failed = new Map(listed.flatMap((l) => (l.error === undefined ? [] : [[l.group, l.error] as const])));
  const findings: Finding[] = [];
  const unreadable = new Map<string, string[]>();
  const unidentified = new Map<string, string>();
  for (const item of malformed.splice(0)) {
    findings.push(malformedFinding(item, formatScope({ kind: 'gitlab', path: item.of })));
    const path = item.id !== undefined && item.id.includes('/') ? item.id : undefined;
    const owner = path === undefined ? undefined : ownerOf(namespaceOf(path), groups);
    if (owner !== undefined && !failed.has(owner)) unreadable.set(owner, [...(unreadable.get(owner) ?? []), path!]);
    else if (path === undefined)
      unidentified.set(item.of, `GitLab listed a project that cannot be read (item ${item.index}): ${item.problem}`);
  }
  const scopes: ScopeResult[] = groups.map((group) => {
    const scope = formatScope({ kind: 'gitlab', path: group });
    const error = failed.get(group) ?? unidentified.get(group);
    return error === undefined ? { scope, complete: true } : { scope, complete: false, error };
  });
  const projects = new Map<string, GitlabProject[]>();
  const seen = new Set<number>();
  for (const { group, projects: found } of listed) {
    if (found === undefined) continue;
    projects.set(
      group,
      found.filter((p) => {
        if (p.archived || seen.has(p.id) || ownerOf(p.namespace.fullPath, groups) !== group) return false;
        seen.add(p.id);
        return true;
      }),
    );
  }
  return { projects, unreadable, scopes, findings };
}

/** The deepest configured group whose path holds `namespace` (GitLab paths compare without case). */
function ownerOf(namespace: string, groups: readonly string[]): string | undefined {
  const lower = namespace.toLowerCase();
  let owner: string | undefined;
  for (const group of groups) {
    const prefix = group.toLowerCase();
    if ((lower === prefix || lower.startsWith(`${prefix}/`)) && (owner === undefined || group.length > owner.length)) owner = group;
  }
  return owner;
}

function namespaceOf(fullPath: string): string {
  return fullPath.slice(0, Math.max(0, fullPath.lastIndexOf('/')));
}

function malformedFinding(item: MalformedGitlabItem, scope: string): Finding {
  const subject = item.id ?? `${item.listing}, item ${item.index}`;
  return {
    source: 'gitlab',
    scope,
    subject,
    message: `GitLab answered a ${item.kind} this source cannot read (${item.listing}): ${item.problem}`,
  };
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted || error instanceof RunAbortedError) return `aborted: ${String(signal.reason ?? 'no reason given')}`;
  return error instanceof Error ? error.message : String(error);
}
