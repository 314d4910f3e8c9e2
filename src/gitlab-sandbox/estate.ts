import { createHash } from 'node:crypto';

/** A project as a test describes it; everything but the path has a default. */
export interface FakeProjectSpec {
  /** Full path, e.g. `acme/platform/shop`; its namespace (the groups) is everything before the last `/`. */
  path: string;
  /** Assigned in order from 1 when absent. */
  id?: number;
  /** `main` when absent; null for an empty repository (no branch at all). */
  defaultBranch?: string | null;
  /** Head commit of the default branch; derived from the path when absent. */
  head?: string;
  /** Other branches and their head commits. */
  branches?: Record<string, string>;
  archived?: boolean;
  /** Groups the project is shared with (GitLab lists it in theirs unless asked with_shared=false). */
  sharedWith?: string[];
  visibility?: 'private' | 'internal' | 'public';
  lastActivityAt?: string;
  /** The repository's files by path (one snapshot, served for every ref the project knows). */
  files?: Record<string, string>;
  /** Tag names, newest first (GitLab's default order). */
  tags?: string[];
}

/** A project as the fake holds it; tests may change it between runs (or use `push`). */
export interface FakeProject {
  id: number;
  path: string;
  namespace: string;
  defaultBranch: string | null;
  /** Branch name -> head commit; empty for an empty repository. */
  branches: Map<string, string>;
  archived: boolean;
  sharedWith: string[];
  visibility: 'private' | 'internal' | 'public';
  lastActivityAt: string;
  files: Map<string, string>;
  tags: string[];
}

/** Groups are every namespace of a project plus any named here; ids are given in order from 1000. */
export class FakeEstate {
  readonly projects: FakeProject[] = [];
  private readonly groupIds = new Map<string, number>();
  private nextProjectId = 1;

  constructor(projects: FakeProjectSpec[] = [], groups: string[] = []) {
    for (const group of groups) this.addGroup(group);
    for (const spec of projects) this.addProject(spec);
  }

  addGroup(path: string): void {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i += 1) {
      const prefix = parts.slice(0, i).join('/');
      if (!this.groupIds.has(prefix)) this.groupIds.set(prefix, 1000 + this.groupIds.size);
    }
  }

  addProject(spec: FakeProjectSpec): FakeProject {
    const cut = spec.path.lastIndexOf('/');
    if (cut <= 0) throw new Error(`a GitLab project lives in a group: "${spec.path}" has none`);
    const namespace = spec.path.slice(0, cut);
    this.addGroup(namespace);
    for (const group of spec.sharedWith ?? []) this.addGroup(group);
    const id = spec.id ?? this.nextProjectId;
    this.nextProjectId = Math.max(this.nextProjectId, id + 1);
    const defaultBranch = spec.defaultBranch === undefined ? 'main' : spec.defaultBranch;
    const branches = new Map(Object.entries(spec.branches ?? {}));
    if (defaultBranch !== null) branches.set(defaultBranch, spec.head ?? fakeSha(`${spec.path}@0`));
    const project: FakeProject = {
      id,
      path: spec.path,
      namespace,
      defaultBranch,
      branches: defaultBranch === null ? new Map() : branches,
      archived: spec.archived ?? false,
      sharedWith: [...(spec.sharedWith ?? [])],
      visibility: spec.visibility ?? 'private',
      lastActivityAt: spec.lastActivityAt ?? '2026-01-01T00:00:00.000Z',
      files: new Map(Object.entries(spec.files ?? {})),
      tags: [...(spec.tags ?? [])],
    };
    this.projects.push(project);
    return project;
  }

  /** By id or full path, as GitLab addresses projects. */
  project(ref: string | number): FakeProject | undefined {
    const key = String(ref);
    return this.projects.find((p) => String(p.id) === key || p.path === key);
  }

  /** A group's full path, by id or full path. */
  group(ref: string | number): string | undefined {
    const key = String(ref);
    if (this.groupIds.has(key)) return key;
    return [...this.groupIds].find(([, id]) => String(id) === key)?.[0];
  }

  groupId(path: string): number {
    return this.groupIds.get(path) ?? 0;
  }

  /** Projects in `group`, and with `subgroups` in its descendants too, by id; with `shared`, those shared with them too. */
  projectsOf(group: string, subgroups: boolean, shared = false): FakeProject[] {
    const within = (namespace: string) => namespace === group || (subgroups && namespace.startsWith(`${group}/`));
    return this.projects.filter((p) => within(p.namespace) || (shared && p.sharedWith.some(within)));
  }

  /**
   * A commit on the default branch: files written (a null content deletes one), a new head.
   * Returns the new head.
   */
  push(ref: string | number, files: Record<string, string | null> = {}): string {
    const project = this.project(ref);
    if (!project?.defaultBranch) throw new Error(`no project with a branch to push to: ${ref}`);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) project.files.delete(path);
      else project.files.set(path, content);
    }
    const head = fakeSha(`${project.branches.get(project.defaultBranch)}+`);
    project.branches.set(project.defaultBranch, head);
    return head;
  }
}

/** A 40-hex id, stable for its seed. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}
