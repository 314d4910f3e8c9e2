import { fakeSha, type FakeEstate, type FakeProject } from './estate.js';

/**
 * GitLab REST v4 bodies, with the fields GitLab sends (a realistic subset, so a client that reads
 * a field GitLab does not send fails here too).
 */
export function projectView(p: FakeProject, estate: FakeEstate, webRoot: string): Record<string, unknown> {
  const name = p.path.slice(p.namespace.length + 1);
  return {
    id: p.id,
    description: null,
    name,
    name_with_namespace: p.path.split('/').join(' / '),
    path: name,
    path_with_namespace: p.path,
    created_at: '2024-01-01T00:00:00.000Z',
    default_branch: p.defaultBranch,
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@gitlab.example.com:${p.path}.git`,
    http_url_to_repo: `${webRoot}/${p.path}.git`,
    web_url: `${webRoot}/${p.path}`,
    readme_url: null,
    avatar_url: null,
    forks_count: 0,
    star_count: 0,
    last_activity_at: p.lastActivityAt,
    namespace: {
      id: estate.groupId(p.namespace),
      name: p.namespace.split('/').at(-1),
      path: p.namespace.split('/').at(-1),
      kind: 'group',
      full_path: p.namespace,
      parent_id: null,
      avatar_url: null,
      web_url: `${webRoot}/groups/${p.namespace}`,
    },
    empty_repo: p.defaultBranch === null,
    archived: p.archived,
    visibility: p.visibility,
  };
}

export function commitView(sha: string, webRoot: string, project: FakeProject): Record<string, unknown> {
  return {
    id: sha,
    short_id: sha.slice(0, 8),
    created_at: '2026-01-01T00:00:00.000+00:00',
    parent_ids: [fakeSha(`${sha}^`)],
    title: 'Change',
    message: 'Change',
    author_name: 'Dev',
    author_email: 'dev@example.com',
    authored_date: '2026-01-01T00:00:00.000+00:00',
    committer_name: 'Dev',
    committer_email: 'dev@example.com',
    committed_date: '2026-01-01T00:00:00.000+00:00',
    trailers: {},
    web_url: `${webRoot}/${project.path}/-/commit/${sha}`,
  };
}

export function branchView(p: FakeProject, name: string, sha: string, webRoot: string): Record<string, unknown> {
  return {
    name,
    merged: false,
    protected: name === p.defaultBranch,
    default: name === p.defaultBranch,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: true,
    web_url: `${webRoot}/${p.path}/-/tree/${name}`,
    commit: commitView(sha, webRoot, p),
  };
}

export interface TreeEntryView {
  id: string;
  name: string;
  type: 'blob' | 'tree';
  path: string;
  mode: string;
}

/** Every file and every directory above one, sorted by path; under `dir` when given. */
export function treeView(p: FakeProject, recursive: boolean, dir = ''): TreeEntryView[] {
  const entries = new Map<string, TreeEntryView>();
  for (const [path, content] of p.files) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i += 1) {
      const sub = parts.slice(0, i).join('/');
      entries.set(sub, { id: fakeSha(`tree:${p.path}:${sub}`), name: parts[i - 1]!, type: 'tree', path: sub, mode: '040000' });
    }
    entries.set(path, { id: fakeSha(`blob:${content}`), name: parts.at(-1)!, type: 'blob', path, mode: '100644' });
  }
  const prefix = dir ? `${dir.replace(/\/+$/, '')}/` : '';
  return [...entries.values()]
    .filter((e) => e.path.startsWith(prefix) && (recursive || !e.path.slice(prefix.length).includes('/')))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function tagView(p: FakeProject, name: string, webRoot: string): Record<string, unknown> {
  const sha = fakeSha(`tag:${p.path}:${name}`);
  return { name, message: '', target: sha, commit: commitView(sha, webRoot, p), release: null, protected: false, created_at: null };
}
