import { toIdentifier, type PreviousEntity } from '../../domain/index.js';
import type { ProjectFacts } from './map.js';

/** A project as this installation wrote it last time: its head commit and its services' versions. */
export interface PreviousProject {
  headCommit?: string;
  /** The digest written with the head commit (see digest.ts). */
  readDigest?: string;
  pipelineVersion?: string;
  services: { name: string; path: string; chartVersion?: string }[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * What the source wrote of one project, from the read-only view of the previous run: enough to carry
 * an unchanged project over without reading its tree or files again.
 */
export function previousProject(
  fullPath: string,
  projects: ReadonlyMap<string, PreviousEntity>,
  services: ReadonlyMap<string, readonly PreviousEntity[]>,
): PreviousProject | undefined {
  const identifier = toIdentifier(fullPath);
  const project = projects.get(identifier);
  if (!project) return undefined;
  const own = services.get(identifier) ?? [];
  return {
    headCommit: text(project.properties.headCommit),
    readDigest: text(project.properties.readDigest),
    pipelineVersion: own.map((s) => text(s.properties.pipelineVersion)).find((v) => v !== undefined),
    services: own.map((s) => ({
      name: text(s.title) ?? s.identifier,
      path: text(s.properties.path) ?? '',
      chartVersion: text(s.properties.chartVersion),
    })),
  };
}

/** The previous services by the project they relate to, in one pass. */
export function servicesByProject(services: ReadonlyMap<string, PreviousEntity>): Map<string, PreviousEntity[]> {
  const byProject = new Map<string, PreviousEntity[]>();
  for (const service of services.values()) {
    const project = service.relations.gitlabProject;
    if (typeof project !== 'string') continue;
    const list = byProject.get(project) ?? [];
    list.push(service);
    byProject.set(project, list);
  }
  return byProject;
}

/**
 * A project exactly as this installation wrote it last time, for one GitLab listed but in a shape this
 * source cannot read: written again unchanged, it is neither rewritten nor deleted. Undefined when it
 * was never written.
 */
export function keptProject(
  fullPath: string,
  projects: ReadonlyMap<string, PreviousEntity>,
  services: ReadonlyMap<string, readonly PreviousEntity[]>,
): ProjectFacts | undefined {
  const entity = projects.get(toIdentifier(fullPath));
  const previous = previousProject(fullPath, projects, services);
  if (!entity || !previous) return undefined;
  const { properties: p, relations } = entity;
  const namespace = text(p.namespace) ?? fullPath.slice(0, Math.max(0, fullPath.lastIndexOf('/')));
  return {
    fullPath,
    webUrl: text(p.url) ?? '',
    namespace,
    defaultBranch: text(p.defaultBranch),
    lastActivityAt: text(p.lastActivityAt),
    visibility: text(p.visibility),
    team: typeof relations.team === 'string' ? relations.team : (namespace.split('/').pop() ?? namespace),
    ...previous,
  };
}
