/** The local GitLab the tests use: src/gitlab-sandbox (it is also the demo's and the benchmark's). */
export * from '../../src/gitlab-sandbox/index.js';
