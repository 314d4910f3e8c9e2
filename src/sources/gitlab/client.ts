import { Branches, Groups, Repositories, RepositoryFiles, Tags } from '@gitbeaker/rest';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { silentLogger } from '../../logger.js';
import { UnexpectedGitlabAnswerError, isGitlabNotFound } from './api-error.js';
import { GitlabHttp, type GitlabHttpOptions } from './http.js';
import type { GitlabRequestCounts } from './request-counts.js';
import { createGitlabRequesterFn } from './requester.js';
import { BranchResponse, ProjectResponse, TagResponse, TreeEntryResponse } from './responses.js';

export { GitlabApiError, UnexpectedGitlabAnswerError, isGitlabNotFound } from './api-error.js';
export { DEFAULT_GITLAB_CONCURRENCY, DEFAULT_GITLAB_TIMEOUT_MS, GITLAB_RATE_LIMIT_HEADERS } from './http.js';
export type { GitlabRequestCounts, GitlabRequestKind } from './request-counts.js';

export interface GitlabProject {
  id: number;
  pathWithNamespace: string;
  webUrl: string;
  /** Absent for a project whose repository is empty. */
  defaultBranch?: string;
  lastActivityAt?: string;
  visibility?: string;
  archived: boolean;
  /** The repository has no commit yet. */
  emptyRepo: boolean;
  namespace: { fullPath: string };
}

export interface GitlabTreeEntry {
  path: string;
  type: 'blob' | 'tree';
}

/** An item of a GitLab listing that did not have the expected shape, and was left out. */
export interface MalformedGitlabItem {
  /** What was being listed, e.g. `projects of group acme`. */
  listing: string;
  /** The group or project the listing is of, as it was asked for. */
  of: string;
  kind: 'project' | 'tag';
  /** Its position in the listing, from 0. */
  index: number;
  /** Its id, path or name, when it has one. */
  id?: string;
  /** What was wrong, as zod says it. */
  problem: string;
}

export interface GitlabClientOptions extends GitlabHttpOptions {
  /** The GitLab origin, with its relative URL root if any: `https://example.com/gitlab`. */
  url: string;
  /**
   * Told of every listed item that was left out for its shape, so the caller can report it.
   * Without it, each is logged as a warning.
   */
  onMalformed?: (item: MalformedGitlabItem) => void;
}

export type ProjectRef = string | number;

/** The reads the GitLab source makes, parsed; every list is read to its last page. */
export interface GitlabClient {
  /** The group's projects, subgroups included; archived projects and projects shared with it from elsewhere left out. */
  groupProjects(groupPath: ProjectRef): Promise<GitlabProject[]>;
  /** The head commit id of a branch; undefined when GitLab answers 404 (an empty repository). */
  branchHead(project: ProjectRef, branch: string): Promise<string | undefined>;
  /** Every blob and directory of the repository at `ref` (submodule entries are left out). */
  tree(project: ProjectRef, ref: string): Promise<GitlabTreeEntry[]>;
  /** A file's text at `ref`; undefined when GitLab answers 404. */
  rawFile(project: ProjectRef, path: string, ref: string): Promise<string | undefined>;
  /** Tag names, in GitLab's order. */
  tags(project: ProjectRef): Promise<string[]>;
  /** Requests sent so far, retries included. */
  requests(): number;
  counts(): GitlabRequestCounts;
}

/** GitLab's largest page. */
const PER_PAGE = 100;

export function createGitlabClient(options: GitlabClientOptions): GitlabClient {
  const http = new GitlabHttp(options);
  const log = options.logger ?? silentLogger();
  // gitbeaker's queryTimeout would be one timer over every page of a call, so it is off; each
  // attempt has its own timeout in GitlabHttp instead.
  const resource = { host: gitlabHost(options.url), requesterFn: createGitlabRequesterFn((url) => http.get(url)), queryTimeout: null };
  const groups = new Groups(resource);
  const branches = new Branches(resource);
  const repositories = new Repositories(resource);
  const files = new RepositoryFiles(resource);
  const tags = new Tags(resource);
  const report =
    options.onMalformed ?? ((item: MalformedGitlabItem) => log.warn(item, 'GitLab item left out: it does not have the expected shape'));
  const list = listParser(report);

  return {
    async groupProjects(groupPath) {
      // Ordered by id, so a project created while the pages are read lands on the last page
      // instead of shifting the others by one (offset pagination).
      const raw = await groups.allProjects(groupPath, {
        includeSubgroups: true,
        // A project shared with the group lives, and is catalogued, under its own group.
        withShared: false,
        archived: false,
        perPage: PER_PAGE,
        orderBy: 'id',
        sort: 'asc',
      });
      const projects = list(raw, ProjectResponse, {
        listing: `projects of group ${groupPath}`,
        of: String(groupPath),
        kind: 'project',
      }).map(toProject);
      // A project unarchived or moved into the group between pages shifts the rest: never list one twice.
      return [...new Map(projects.map((p) => [p.id, p])).values()];
    },

    async branchHead(project, branch) {
      const raw = await orUndefinedOn404(() => branches.show(project, branch));
      if (raw === undefined) return undefined;
      const parsed = BranchResponse.safeParse(raw);
      if (!parsed.success) throw malformedAnswer(`branch ${branch} of ${project}`, parsed.error);
      return parsed.data.commit.id;
    },

    async tree(project, ref) {
      // Keyset pages (GitLab since 2024, when its repository_tree_gitaly_pagination flag went): offset
      // pages of a large tree are slow to build. An older GitLab ignores `pagination` and pages by
      // offset; both come as `Link: rel="next"`.
      const raw = await repositories.allRepositoryTrees(project, { recursive: true, perPage: PER_PAGE, ref, pagination: 'keyset' });
      // An entry left out could be a service's folder: a tree that does not parse whole is not read.
      const entries = list(raw, TreeEntryResponse, { listing: `tree of ${project} at ${ref}`, of: String(project) }, (item) => {
        throw new UnexpectedGitlabAnswerError(`tree of ${project} at ${ref}`, `entry ${item.index}: ${item.problem}`);
      });
      return entries.filter((e): e is GitlabTreeEntry => e.type === 'blob' || e.type === 'tree').map(({ path, type }) => ({ path, type }));
    },

    async rawFile(project, path, ref) {
      const raw: unknown = await orUndefinedOn404(() => files.showRaw(project, path, ref));
      if (raw === undefined || typeof raw === 'string') return raw;
      // GitLab serves text as text/plain; a Blob means another content type, e.g. a file it took for binary.
      if (raw instanceof Blob) return raw.text();
      // Served as application/json and so parsed: its text again.
      return JSON.stringify(raw);
    },

    async tags(project) {
      const raw = await tags.all(project, { perPage: PER_PAGE });
      return list(raw, TagResponse, { listing: `tags of ${project}`, of: String(project), kind: 'tag' }).map((t) => t.name);
    },

    requests: () => http.counts().total,
    counts: () => http.counts(),
  };
}

/** `${host}/api/v4/...` is what gitbeaker builds: a trailing slash on the host would double it. */
function gitlabHost(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError([`GitLab URL "${url}" is not a URL`]);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError([`GitLab URL "${url}" is not an http(s) URL`]);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

async function orUndefinedOn404<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isGitlabNotFound(error)) return undefined;
    throw error;
  }
}

function listParser(report: (item: MalformedGitlabItem) => void) {
  return <S extends z.ZodType>(
    raw: unknown,
    schema: S,
    about: { listing: string; of: string; kind?: MalformedGitlabItem['kind'] },
    /** Told of each item left out instead of `report` (which then needs no kind). */
    onItem?: (item: Omit<MalformedGitlabItem, 'kind'>) => void,
  ): z.output<S>[] => {
    if (!Array.isArray(raw)) throw malformedAnswer(about.listing, new Error('not a list'));
    const items: z.output<S>[] = [];
    raw.forEach((item: unknown, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) {
        items.push(parsed.data);
        return;
      }
      const malformed = { listing: about.listing, of: about.of, index, id: identify(item), problem: z.prettifyError(parsed.error) };
      if (onItem) onItem(malformed);
      else report({ ...malformed, kind: about.kind ?? 'project' });
    });
    return items;
  };
}

function identify(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const { path_with_namespace: path, id, name } = item as Record<string, unknown>;
  const found = [path, id, name].find((v) => typeof v === 'string' || typeof v === 'number');
  return found === undefined ? undefined : String(found);
}

function malformedAnswer(what: string, error: Error): UnexpectedGitlabAnswerError {
  return new UnexpectedGitlabAnswerError(what, error instanceof z.ZodError ? z.prettifyError(error) : error.message);
}

function toProject(p: z.output<typeof ProjectResponse>): GitlabProject {
  return {
    id: p.id,
    pathWithNamespace: p.path_with_namespace,
    webUrl: p.web_url,
    ...(p.default_branch ? { defaultBranch: p.default_branch } : {}),
    ...(p.last_activity_at ? { lastActivityAt: p.last_activity_at } : {}),
    ...(p.visibility ? { visibility: p.visibility } : {}),
    // Asked for with archived=false; an answer without the field is taken as not archived.
    archived: p.archived ?? false,
    emptyRepo: p.empty_repo ?? false,
    namespace: { fullPath: p.namespace.full_path },
  };
}
