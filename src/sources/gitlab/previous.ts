import { toIdentifier, type PreviousEntity } from '../../domain/index.js';

/** A project as this installation wrote it last time: its head commit and its services' versions. */
export interface PreviousProject {
  headCommit?: string;
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
