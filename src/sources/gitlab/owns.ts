import type { Ownership } from '../../domain/index.js';

/** What the gitlab source writes: it defines projects and the services their folders hold. */
export const GITLAB_OWNS: Ownership = {
  gitlabProject: {
    mode: 'define',
    title: true,
    properties: [
      'url',
      'namespace',
      'defaultBranch',
      'lastActivityAt',
      'visibility',
      'isMonorepo',
      'serviceCount',
      'headCommit',
      'readDigest',
    ],
    relations: ['team'],
  },
  service: {
    mode: 'define',
    title: true,
    properties: [
      'repoUrl',
      'path',
      'chartVersion',
      'chartLatest',
      'chartLag',
      'chartReleasesBehind',
      'pipelineVersion',
      'pipelineLatest',
      'pipelineLag',
      'pipelineReleasesBehind',
      'hasRepository',
    ],
    relations: ['team', 'gitlabProject'],
  },
};
