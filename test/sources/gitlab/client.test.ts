import { afterEach, describe, expect, it } from 'vitest';
import { RunAbortedError } from '../../../src/errors.js';
import { GitlabApiError, createGitlabClient, type GitlabProject, type MalformedGitlabItem } from '../../../src/sources/gitlab/client.js';
import { formatQuery } from '../../../src/sources/gitlab/requester.js';
import type { PagingHeaders } from '../../support/gitlab-fake.js';
import { NOW, closeFakes, harness, manyProjects, until } from './support.js';

afterEach(async () => {
  // Every test also asserts that nothing reached the fake that it does not serve.
  for (const fake of await closeFakes()) expect(fake.unexpected()).toEqual([]);
});

const SHOP = {
  path: 'acme/shop',
  id: 42,
  head: 'a'.repeat(40),
  visibility: 'internal' as const,
  lastActivityAt: '2026-02-03T04:05:06.000Z',
  files: { 'deploy/values.yaml': 'image:\n  tag: "1.2.3" # café\n', 'Chart.yaml': 'name: shop\n' },
  tags: ['v2.0.0', 'v1.0.0'],
};

describe('groupProjects', () => {
  it.each<PagingHeaders>(['both', 'link', 'x-headers'])('reads every page when pages are linked by %s headers', async (paging) => {
    const { fake, client } = await harness({ paging, projects: manyProjects(230) });
    const projects = await client.groupProjects('acme');
    expect(projects.map((p) => p.id)).toEqual(Array.from({ length: 230 }, (_, i) => i + 1));
    expect(fake.requests.map((r) => r.query.page)).toEqual([undefined, '2', '3']);
    expect(fake.requests[0]!.query).toEqual({
      include_subgroups: 'true',
      with_shared: 'false',
      archived: 'false',
      per_page: '100',
      order_by: 'id',
      sort: 'asc',
    });
    expect(fake.counts()).toMatchObject({ projects: 3, total: 3 });
    expect(client.counts()).toMatchObject({ projectPages: 3, total: 3 });
  });

  it('includes subgroups, leaves archived projects out and maps GitLab fields', async () => {
    const { client } = await harness({
      projects: [SHOP, { path: 'acme/platform/deep/api', id: 7 }, { path: 'acme/old', id: 8, archived: true }, { path: 'other/x', id: 9 }],
    });
    const projects = await client.groupProjects('acme');
    expect(projects.map((p) => p.pathWithNamespace)).toEqual(['acme/platform/deep/api', 'acme/shop']);
    expect(projects.find((p) => p.id === 42)).toEqual<GitlabProject>({
      id: 42,
      pathWithNamespace: 'acme/shop',
      webUrl: expect.stringMatching(/\/acme\/shop$/) as string,
      defaultBranch: 'main',
      lastActivityAt: '2026-02-03T04:05:06.000Z',
      visibility: 'internal',
      archived: false,
      emptyRepo: false,
      namespace: { fullPath: 'acme' },
    });
  });

  it('lists a subgroup by its encoded full path, and gives no default branch for an empty repository', async () => {
    const { fake, client } = await harness({ projects: [{ path: 'acme/platform/empty', defaultBranch: null }] });
    const [project] = await client.groupProjects('acme/platform');
    expect(project).not.toHaveProperty('defaultBranch');
    expect(project!.emptyRepo).toBe(true);
    expect(fake.requests[0]!.path).toBe('/api/v4/groups/acme%2Fplatform/projects');
  });

  it('returns the projects that parse and reports the others', async () => {
    const malformed: MalformedGitlabItem[] = [];
    const { fake, client } = await harness({ projects: [SHOP] }, { onMalformed: (item) => malformed.push(item) });
    const good = {
      id: 1,
      path_with_namespace: 'acme/a',
      web_url: 'https://g/acme/a',
      namespace: { full_path: 'acme' },
      extra: { ignored: true },
    };
    fake.inject({ kind: 'projects', status: 200, body: [good, { id: 2, path_with_namespace: 'acme/b' }] });
    const projects = await client.groupProjects('acme');
    expect(projects.map((p) => p.pathWithNamespace)).toEqual(['acme/a']);
    expect(malformed).toEqual([
      expect.objectContaining({ listing: 'projects of group acme', of: 'acme', kind: 'project', index: 1, id: 'acme/b' }),
    ]);
  });

  it('fails with GitLab message for an unknown group', async () => {
    const { client } = await harness();
    await expect(client.groupProjects('nope')).rejects.toThrow(
      'GitLab GET /api/v4/groups/nope/projects failed with HTTP 404: 404 Group Not Found',
    );
  });
});

describe('branches, trees, files, tags', () => {
  it('gives the head commit of a branch in one request, by path or id, and undefined for an empty repository', async () => {
    const { fake, client } = await harness({ projects: [SHOP, { path: 'acme/empty', defaultBranch: null }] });
    expect(await client.branchHead('acme/shop', 'main')).toBe(SHOP.head);
    expect(await client.branchHead(42, 'main')).toBe(SHOP.head);
    expect(await client.branchHead('acme/empty', 'main')).toBeUndefined();
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      ['/api/v4/projects/acme%2Fshop/repository/branches/main', 200],
      ['/api/v4/projects/42/repository/branches/main', 200],
      ['/api/v4/projects/acme%2Fempty/repository/branches/main', 404],
    ]);
  });

  it('encodes a branch name with a slash', async () => {
    const { fake, client } = await harness({ projects: [{ path: 'acme/shop', branches: { 'release/1.x': 'b'.repeat(40) } }] });
    expect(await client.branchHead('acme/shop', 'release/1.x')).toBe('b'.repeat(40));
    expect(fake.requests[0]!.path).toBe('/api/v4/projects/acme%2Fshop/repository/branches/release%2F1.x');
  });

  it('reads a tree of several keyset pages', async () => {
    const files = Object.fromEntries(Array.from({ length: 240 }, (_, i) => [`charts/c${String(i).padStart(3, '0')}.yaml`, `n: ${i}`]));
    const { fake, client } = await harness({ projects: [{ path: 'acme/big', files }] });
    const tree = await client.tree('acme/big', 'main');
    expect(tree).toHaveLength(241);
    expect(tree[0]).toEqual({ path: 'charts', type: 'tree' });
    expect(tree.filter((e) => e.type === 'blob').map((e) => e.path)).toEqual(Object.keys(files));
    const pages = fake.requests.filter((r) => r.kind === 'tree');
    expect(pages).toHaveLength(3);
    expect(pages[0]!.query).toEqual({ recursive: 'true', per_page: '100', ref: 'main', pagination: 'keyset' });
    expect(pages.slice(1).map((r) => JSON.parse(Buffer.from(r.query.page_token!, 'base64').toString()) as unknown)).toEqual([
      { file_name: 'charts/c098.yaml' },
      { file_name: 'charts/c198.yaml' },
    ]);
    expect(client.counts()).toMatchObject({ treePages: 3, files: 0 });
  });

  it('reads a tree by offset pages from a GitLab that ignores keyset for trees', async () => {
    const files = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${String(i).padStart(3, '0')}`, 'x']));
    const { fake, client } = await harness({ keysetTrees: false, projects: [{ path: 'acme/big', files }] });
    expect(await client.tree('acme/big', 'main')).toHaveLength(150);
    expect(fake.requests.map((r) => r.query.page)).toEqual([undefined, '2']);
  });

  it('refuses a tree with an entry it cannot read, naming the entry: a service folder could be missing', async () => {
    const { fake, client } = await harness({ projects: [SHOP] });
    fake.inject({ kind: 'tree', status: 200, body: [{ path: 'a', type: 'tree' }, { type: 'blob' }] });
    await expect(client.tree('acme/shop', 'main')).rejects.toThrow(/tree of acme\/shop at main.*entry 1/s);
  });

  it('reads a raw file as text, also when GitLab serves it as binary, and undefined when it is absent', async () => {
    const { fake, client } = await harness({ projects: [SHOP] });
    expect(await client.rawFile('acme/shop', 'deploy/values.yaml', 'main')).toBe(SHOP.files['deploy/values.yaml']);
    expect(await client.rawFile('acme/shop', 'missing.yaml', 'main')).toBeUndefined();
    fake.inject({ kind: 'raw', headers: { 'content-type': 'application/octet-stream' }, times: 1 });
    expect(await client.rawFile(42, 'Chart.yaml', 'main')).toBe('name: shop\n');
    expect(fake.requests.map((r) => [r.path, r.query.ref, r.status])).toEqual([
      ['/api/v4/projects/acme%2Fshop/repository/files/deploy%2Fvalues.yaml/raw', 'main', 200],
      ['/api/v4/projects/acme%2Fshop/repository/files/missing.yaml/raw', 'main', 404],
      ['/api/v4/projects/42/repository/files/Chart.yaml/raw', 'main', 200],
    ]);
  });

  it('fails the reads of one failing project only', async () => {
    const { fake, client } = await harness({ projects: [SHOP, { path: 'acme/api' }] });
    fake.failProject('acme/shop');
    await expect(client.branchHead(42, 'main')).rejects.toMatchObject({ status: 500 });
    expect(await client.branchHead('acme/api', 'main')).toMatch(/^[0-9a-f]{40}$/);
    expect(await client.groupProjects('acme')).toHaveLength(2);
  });

  it('reads every page of tags', async () => {
    const tags = Array.from({ length: 130 }, (_, i) => `v${i}.0.0`);
    const { fake, client } = await harness({ projects: [{ path: 'acme/charts', tags }] });
    expect(await client.tags('acme/charts')).toEqual(tags);
    expect(fake.requests.map((r) => [r.kind, r.query.per_page, r.query.page])).toEqual([
      ['tags', '100', undefined],
      ['tags', '100', '2'],
    ]);
  });
});

describe('retries and pacing', () => {
  it('waits as long as Retry-After says, then succeeds', async () => {
    const { fake, client, sleeps } = await harness({ projects: [SHOP] });
    fake.inject({ kind: 'branch', status: 429, times: 2, headers: { 'Retry-After': '7' } });
    expect(await client.branchHead('acme/shop', 'main')).toBe(SHOP.head);
    expect(sleeps).toEqual([7000, 7000]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(client.counts()).toMatchObject({ total: 3, branches: 3, retries: 2, waitedMs: 14_000 });
  });

  it("waits until GitLab's RateLimit-Reset (epoch seconds) when there is no Retry-After", async () => {
    const { fake, client, sleeps } = await harness({ projects: [SHOP] });
    fake.inject({
      kind: 'raw',
      status: 429,
      times: 1,
      headers: { 'RateLimit-Reset': String(NOW / 1000 + 12), 'RateLimit-Remaining': '0' },
    });
    expect(await client.rawFile('acme/shop', 'Chart.yaml', 'main')).toBe('name: shop\n');
    expect(sleeps).toEqual([12_000]);
  });

  it('backs off with jitter on 502/503/504 and retries a page in the middle of a listing', async () => {
    const { fake, client, sleeps } = await harness({ projects: manyProjects(150) });
    fake.inject({ kind: 'projects', match: /projects$/, status: 503, times: 1 });
    fake.inject({ kind: 'projects', status: 504, times: 1 });
    expect(await client.groupProjects('acme')).toHaveLength(150);
    // Midpoint jitter of 500 ms doubling: 375, then 750.
    expect(sleeps).toEqual([375, 750]);
    expect(fake.requests.map((r) => [r.query.page, r.status])).toEqual([
      [undefined, 503],
      [undefined, 504],
      [undefined, 200],
      ['2', 200],
    ]);
  });

  it('does not retry a 500, and ends a spent retry budget with a clear error', async () => {
    const { fake, client, sleeps } = await harness({ projects: [SHOP] });
    fake.inject({ kind: 'tags', status: 500, times: 1 });
    await expect(client.tags('acme/shop')).rejects.toThrow(
      'GitLab GET /api/v4/projects/acme%2Fshop/repository/tags failed with HTTP 500: 500 Internal Server Error',
    );
    expect(sleeps).toEqual([]);

    fake.inject({ kind: 'branch', status: 502 });
    const error = await client.branchHead('acme/shop', 'main').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitlabApiError);
    expect(error).toMatchObject({ status: 502, attempts: 6, method: 'GET', path: '/api/v4/projects/acme%2Fshop/repository/branches/main' });
    expect((error as Error).message).toBe(
      'GitLab GET /api/v4/projects/acme%2Fshop/repository/branches/main failed with HTTP 502: 502 Bad Gateway after 6 attempts',
    );
    expect(sleeps).toEqual([375, 750, 1500, 3000, 6000]);
    expect(fake.counts().branch).toBe(6);
  });

  it('gives up at once when GitLab asks for a wait beyond the time budget', async () => {
    const { fake, client, sleeps } = await harness({ projects: [SHOP] });
    fake.inject({ kind: 'branch', status: 429, headers: { 'Retry-After': '3600' } });
    await expect(client.branchHead('acme/shop', 'main')).rejects.toMatchObject({ status: 429, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('spreads the last requests of a rate-limit window over what is left of it', async () => {
    const { fake, client, sleeps } = await harness({ projects: [SHOP] });
    // Two requests left in a window that resets in 10 s: one every 5 s.
    fake.inject({ headers: { 'RateLimit-Remaining': '2', 'RateLimit-Reset': String(NOW / 1000 + 10) }, times: 2 });
    await client.branchHead('acme/shop', 'main');
    await client.rawFile('acme/shop', 'Chart.yaml', 'main');
    await client.tags('acme/shop');
    expect(sleeps).toEqual([5000]);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('waits for the reset when no request is left in the window, then goes on at once', async () => {
    const { fake, client, sleeps } = await harness({ projects: [SHOP] });
    fake.inject({ headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': String(NOW / 1000 + 4) }, times: 1 });
    await client.branchHead('acme/shop', 'main');
    await client.branchHead('acme/shop', 'main');
    await client.branchHead('acme/shop', 'main');
    expect(sleeps).toEqual([4000]);
    expect(fake.counts().branch).toBe(3);
  });

  it('retries a request that hangs past the timeout as a network error', async () => {
    const { fake, client, sleeps } = await harness({ projects: [SHOP] }, { timeoutMs: 50 });
    fake.inject({ kind: 'branch', hang: true, times: 1 });
    expect(await client.branchHead('acme/shop', 'main')).toBe(SHOP.head);
    expect(sleeps).toEqual([375]);
    expect(fake.requests.map((r) => r.status)).toEqual([undefined, 200]);
  });

  it('retries a refused connection, then fails naming the network error', async () => {
    const { fake } = await harness();
    await fake.close();
    const sleeps: number[] = [];
    const client = createGitlabClient({
      url: fake.url,
      token: fake.token,
      retry: { maxAttempts: 2 },
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    });
    await expect(client.tags(1)).rejects.toThrow(
      /^GitLab GET \/api\/v4\/projects\/1\/repository\/tags failed with no answer \(ECONNREFUSED\).* after 2 attempts$/,
    );
    expect(sleeps).toEqual([375]);
  });
});

describe('abort and concurrency', () => {
  it('stops at once when the run is aborted during a backoff, and sends nothing more', async () => {
    const controller = new AbortController();
    const { fake, client } = await harness(
      { projects: [SHOP] },
      {
        signal: controller.signal,
        // The wait never ends by itself: only the abort can end it.
        sleep: () => {
          controller.abort(new Error('time limit'));
          return new Promise<void>(() => {});
        },
      },
    );
    fake.inject({ kind: 'branch', status: 429, headers: { 'Retry-After': '30' } });
    const error = await client.branchHead('acme/shop', 'main').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunAbortedError);
    expect((error as RunAbortedError).reason).toBe('time limit');
    await expect(client.tags('acme/shop')).rejects.toBeInstanceOf(RunAbortedError);
    expect(fake.requests).toHaveLength(1);
  });

  it('abandons a request in flight when the run is aborted', async () => {
    const controller = new AbortController();
    const { fake, client } = await harness({ projects: [SHOP] }, { signal: controller.signal });
    fake.inject({ kind: 'tree', hang: true });
    const pending = client.tree('acme/shop', 'main').catch((e: unknown) => e);
    await until(() => fake.requests.length === 1);
    controller.abort('SIGTERM');
    expect(await pending).toBeInstanceOf(RunAbortedError);
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps at most `concurrency` requests in flight at GitLab', async () => {
    const projects = manyProjects(10);
    const { fake, client } = await harness({ projects }, { concurrency: 3 });
    fake.inject({ kind: 'branch', hold: true });
    const heads = Promise.all(projects.map((p) => client.branchHead(p.path, 'main')));
    let answered = 0;
    while (answered < projects.length) {
      const batch = Math.min(3, projects.length - answered);
      await fake.waitForHeld(batch);
      // Every call was made at once: without the limit all ten would have been sent by now.
      expect(client.requests()).toBe(answered + batch);
      expect(fake.inFlight).toBeLessThanOrEqual(3);
      answered += fake.heldCount;
      fake.release();
    }
    expect(await heads).toHaveLength(10);
    expect(fake.maxInFlight).toBe(3);
    expect(fake.counts().branch).toBe(10);
  });
});

describe('the token', () => {
  it('is sent as PRIVATE-TOKEN and never reaches an error message or a log line', async () => {
    const { fake, client, logLines } = await harness({ projects: [SHOP] });
    // A GitLab (or proxy) that echoes the token back in its error bodies.
    fake.inject({ kind: 'branch', status: 429, times: 1, body: { message: `slow down ${fake.token}` }, headers: { 'Retry-After': '1' } });
    fake.inject({ kind: 'branch', status: 400, body: { error: 'invalid', error_description: `token ${fake.token} refused` } });
    const error = (await client.branchHead('acme/shop', 'main').catch((e: unknown) => e)) as GitlabApiError;
    expect(error.message).toBe(
      'GitLab GET /api/v4/projects/acme%2Fshop/repository/branches/main failed with HTTP 400: invalid: token [REDACTED] refused',
    );
    expect(JSON.stringify(error)).not.toContain(fake.token);
    expect(String(error.stack)).not.toContain(fake.token);
    expect(logLines.join('')).toContain('GitLab call retried');
    expect(logLines.join('')).not.toContain(fake.token);
    expect(fake.requests.every((r) => r.token === 'valid')).toBe(true);
  });

  it('refused by GitLab gives a 401 without the token in it', async () => {
    const { fake } = await harness({ projects: [SHOP] });
    const token = 'glpat-wrong-token-abcdef';
    const client = createGitlabClient({ url: fake.url, token });
    const error = (await client.groupProjects('acme').catch((e: unknown) => e)) as GitlabApiError;
    expect(error).toMatchObject({ status: 401, message: 'GitLab GET /api/v4/groups/acme/projects failed with HTTP 401: 401 Unauthorized' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(token);
    expect(fake.requests.map((r) => r.token)).toEqual(['wrong']);
  });
});

describe('GitLab under a relative URL root', () => {
  it('keeps the root in every request, also when the URL ends with a slash', async () => {
    const { fake } = await harness({ relativeRoot: '/gitlab', projects: manyProjects(120) });
    expect(fake.url).toMatch(/\/gitlab$/);
    const client = createGitlabClient({ url: `${fake.url}/`, token: fake.token });
    expect(await client.groupProjects('acme')).toHaveLength(120);
    expect(await client.rawFile('acme/p1', 'README.md', 'main')).toBe('p1');
    expect(fake.requests.map((r) => r.kind)).toEqual(['projects', 'projects', 'raw']);
    expect(client.requests()).toBe(3);
  });

  it('rejects a URL that is not http(s) at creation', () => {
    expect(() => createGitlabClient({ url: 'gitlab.example.com', token: 't' })).toThrow(/not a URL/);
    expect(() => createGitlabClient({ url: 'ftp://gitlab.example.com', token: 't' })).toThrow(/not an http\(s\) URL/);
  });
});

describe('the query gitbeaker asks for', () => {
  it('is written as gitbeaker writes it: snake_case keys, brackets for lists and objects', () => {
    expect(formatQuery({ perPage: 100, includeSubgroups: true, skipped: undefined, topics: ['a', 'b'], withFilter: { someKey: 1 } })).toBe(
      'per_page=100&include_subgroups=true&topics%5B%5D=a&topics%5B%5D=b&with_filter%5Bsome_key%5D=1',
    );
    expect(formatQuery({ page_token: 'eyJ9', ref: 'feature/x' })).toBe('page_token=eyJ9&ref=feature%2Fx');
  });
});
