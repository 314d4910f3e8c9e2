/**
 * A local GitLab REST API v4 for tests and the benchmark. Build an estate, start it, point the
 * client at `fake.url` with `fake.token`, then assert on `fake.requests` and `fake.counts()`:
 *
 *   const fake = await startGitlabFake({ projects: [{ path: 'acme/shop', files: { 'a.yaml': 'x: 1' } }] });
 *   fake.inject({ kind: 'tree', status: 429, times: 1, headers: { 'Retry-After': '3' } });
 *   fake.estate.push('acme/shop', { 'a.yaml': 'x: 2' });
 */
export { FakeEstate, fakeSha, type FakeProject, type FakeProjectSpec } from './gitlab-fake/estate.js';
export type { Fault, FaultRule } from './gitlab-fake/faults.js';
export type { PagingHeaders } from './gitlab-fake/paging.js';
export type { RouteKind } from './gitlab-fake/routes.js';
export {
  FAKE_GITLAB_TOKEN,
  GitlabFake,
  startGitlabFake,
  type FakeCounts,
  type GitlabFakeOptions,
  type RecordedRequest,
} from './gitlab-fake/server.js';
