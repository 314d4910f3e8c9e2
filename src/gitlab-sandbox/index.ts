/**
 * A local server that speaks GitLab's REST API v4 as the gitlab source calls it, over an estate of
 * groups, projects, files and tags held in memory: the demo's GitLab, the benchmark's, and the
 * tests' (which also inject faults and read what reached it). Read-only, loopback only.
 */
export { FakeEstate, fakeSha, type FakeProject, type FakeProjectSpec } from './estate.js';
export type { Fault, FaultRule } from './faults.js';
export type { PagingHeaders } from './paging.js';
export type { RouteKind } from './routes.js';
export { FAKE_GITLAB_TOKEN, GitlabFake, startGitlabFake, type FakeCounts, type GitlabFakeOptions, type RecordedRequest } from './server.js';
