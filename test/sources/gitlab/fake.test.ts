import { afterEach, describe, expect, it } from 'vitest';
import { startGitlabFake, type GitlabFake } from '../../support/gitlab-fake.js';

let fake: GitlabFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A plain fetch, to check the fake itself without the client under test. */
async function get(path: string, token = fake!.token): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${fake!.url}${path}`, { headers: { 'PRIVATE-TOKEN': token } });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, headers: response.headers, body: json ? (JSON.parse(text) as unknown) : text };
}

describe('the GitLab fake', () => {
  it('records an unknown route as unexpected and answers it 404', async () => {
    fake = await startGitlabFake({ relativeRoot: '/gitlab', projects: [{ path: 'acme/shop' }] });
    expect((await get('/api/v4/projects/acme%2Fshop/issues')).status).toBe(404);
    expect((await get('/api/v4/projects/acme/shop/repository/tags')).status).toBe(404);
    expect(fake.unexpected().map((r) => r.path)).toEqual([
      '/api/v4/projects/acme%2Fshop/issues',
      '/api/v4/projects/acme/shop/repository/tags',
    ]);
  });

  it('answers a wrong token 401 and never records the token', async () => {
    fake = await startGitlabFake({ projects: [{ path: 'acme/shop' }] });
    expect(await get('/api/v4/projects/acme%2Fshop/repository/tags', 'nope')).toMatchObject({
      status: 401,
      body: { message: '401 Unauthorized' },
    });
    expect(fake.requests[0]).toMatchObject({ kind: 'tags', token: 'wrong' });
    expect(JSON.stringify(fake.requests)).not.toContain('nope');
  });

  it('pages offset listings with Link and the X-Page family, as GitLab does', async () => {
    fake = await startGitlabFake({ projects: Array.from({ length: 5 }, (_, i) => ({ path: `acme/p${i}` })) });
    const { headers, body } = await get('/api/v4/groups/acme/projects?per_page=2&page=2');
    expect((body as { id: number }[]).map((p) => p.id)).toEqual([3, 2]);
    expect(headers.get('link')).toMatch(/<[^>]*[?&]page=3[^>]*>; rel="next"/);
    expect(
      Object.fromEntries(
        ['x-page', 'x-per-page', 'x-total', 'x-total-pages', 'x-next-page', 'x-prev-page'].map((h) => [h, headers.get(h)]),
      ),
    ).toEqual({
      'x-page': '2',
      'x-per-page': '2',
      'x-total': '5',
      'x-total-pages': '3',
      'x-next-page': '3',
      'x-prev-page': '1',
    });
  });

  it('serves raw files as text/plain and moves a head with a push', async () => {
    fake = await startGitlabFake({ projects: [{ path: 'acme/shop', files: { 'a.yaml': 'x: 1' } }] });
    const before = fake.estate.project('acme/shop')!.branches.get('main');
    const head = fake.estate.push('acme/shop', { 'a.yaml': 'x: 2' });
    expect(head).not.toBe(before);
    const raw = await get('/api/v4/projects/1/repository/files/a.yaml/raw?ref=main');
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(raw.body).toBe('x: 2');
    expect(await get('/api/v4/projects/1/repository/files/b.yaml/raw?ref=main')).toMatchObject({
      status: 404,
      body: { message: '404 File Not Found' },
    });
    expect(fake.counts()).toMatchObject({ raw: 2, total: 2 });
  });
});
