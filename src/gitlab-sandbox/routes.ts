import type { FakeEstate, FakeProject } from './estate.js';
import { keysetTreePage, offsetPage, type PagingHeaders } from './paging.js';
import { branchView, projectView, tagView, treeView } from './views.js';

/** The routes the fake serves, by what they read. */
export type RouteKind = 'projects' | 'branch' | 'tree' | 'raw' | 'tags';

export interface FakeReply {
  status: number;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as text/plain; charset=utf-8. */
  text?: string;
  headers?: Record<string, string>;
}

export interface RouteContext {
  estate: FakeEstate;
  query: URLSearchParams;
  /** The request's own URL, for `Link` headers. */
  selfUrl: URL;
  /** Where projects' web_url points: the fake's origin and relative root. */
  webRoot: string;
  paging: PagingHeaders;
  keysetTrees: boolean;
}

/** A request matched to a route: its kind and decoded path parameters. */
export interface RouteMatch {
  kind: RouteKind;
  params: string[];
}

/** Path templates over decoded segments; `:` marks a parameter (URI-encoded on the wire, so one segment). */
const TEMPLATES: [RouteKind, string[]][] = [
  ['projects', ['groups', ':group', 'projects']],
  ['branch', ['projects', ':project', 'repository', 'branches', ':branch']],
  ['tree', ['projects', ':project', 'repository', 'tree']],
  ['raw', ['projects', ':project', 'repository', 'files', ':file', 'raw']],
  ['tags', ['projects', ':project', 'repository', 'tags']],
];

/** `segments` are the decoded segments after `/api/v4`. */
export function matchRoute(segments: string[]): RouteMatch | undefined {
  for (const [kind, template] of TEMPLATES) {
    if (template.length !== segments.length) continue;
    const params: string[] = [];
    const ok = template.every((part, i) => {
      if (part.startsWith(':')) params.push(segments[i]!);
      return part.startsWith(':') || part === segments[i];
    });
    if (ok) return { kind, params };
  }
  return undefined;
}

const notFound = (what: string): FakeReply => ({ status: 404, json: { message: `404 ${what} Not Found` } });

export function answer(match: RouteMatch, ctx: RouteContext): FakeReply {
  const [first = '', second = ''] = match.params;
  if (match.kind === 'projects') return groupProjects(first, ctx);
  const project = ctx.estate.project(first);
  if (!project) return notFound('Project');
  switch (match.kind) {
    case 'branch':
      return branch(project, second, ctx);
    case 'tree':
      return tree(project, ctx);
    case 'raw':
      return rawFile(project, second, ctx);
    case 'tags': {
      const page = offsetPage(project.tags, ctx.query, ctx.selfUrl, ctx.paging);
      return { status: 200, json: page.items.map((t) => tagView(project, t, ctx.webRoot)), headers: page.headers };
    }
    default:
      return notFound('Route');
  }
}

function groupProjects(ref: string, ctx: RouteContext): FakeReply {
  const group = ctx.estate.group(ref);
  if (!group) return notFound('Group');
  const archived = ctx.query.get('archived');
  const listed = ctx.estate
    // with_shared defaults to true, as in GitLab.
    .projectsOf(group, ctx.query.get('include_subgroups') === 'true', ctx.query.get('with_shared') !== 'false')
    .filter((p) => archived === null || String(p.archived) === archived);
  // GitLab's default order is created_at desc (newest id first); order_by=id sorts by id.
  const byId = [...listed].sort((a, b) => a.id - b.id);
  const ascending = ctx.query.get('order_by') === 'id' ? ctx.query.get('sort') !== 'desc' : ctx.query.get('sort') === 'asc';
  const ordered = ascending ? byId : byId.reverse();
  const page = offsetPage(ordered, ctx.query, ctx.selfUrl, ctx.paging);
  return { status: 200, json: page.items.map((p) => projectView(p, ctx.estate, ctx.webRoot)), headers: page.headers };
}

function branch(project: FakeProject, name: string, ctx: RouteContext): FakeReply {
  const sha = project.branches.get(name);
  return sha ? { status: 200, json: branchView(project, name, sha, ctx.webRoot) } : notFound('Branch');
}

/**
 * A ref the project knows: a branch, a branch's head commit or a tag; absent (and `HEAD`, which
 * GitLab resolves to the default branch) means the default branch.
 */
function knowsRef(project: FakeProject, ref: string | null): boolean {
  if (ref === null || ref === 'HEAD') return project.defaultBranch !== null;
  return project.branches.has(ref) || [...project.branches.values()].includes(ref) || project.tags.includes(ref);
}

function tree(project: FakeProject, ctx: RouteContext): FakeReply {
  if (!knowsRef(project, ctx.query.get('ref'))) return notFound('Tree');
  const entries = treeView(project, ctx.query.get('recursive') === 'true', ctx.query.get('path') ?? '');
  const page =
    ctx.keysetTrees && ctx.query.get('pagination') === 'keyset'
      ? keysetTreePage(entries, ctx.query, ctx.selfUrl, project.id)
      : offsetPage(entries, ctx.query, ctx.selfUrl, ctx.paging);
  return { status: 200, json: page.items, headers: page.headers };
}

function rawFile(project: FakeProject, path: string, ctx: RouteContext): FakeReply {
  if (!knowsRef(project, ctx.query.get('ref'))) return notFound('Commit');
  const content = project.files.get(path);
  return content === undefined ? notFound('File') : { status: 200, text: content };
}
