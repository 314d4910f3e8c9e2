import { describe, expect, it } from 'vitest';
import { mapProject, repoUrl, teamOf, type ProjectFacts } from '../../../src/sources/gitlab/map.js';

const RELEASES = { chartTags: ['4.1.0', '4.2.0', '4.3.0', '4.3.1', '5.0.0-rc.1', 'latest'], pipelineTags: ['v2.7.2', 'v2.8.0', '2.7.3'] };

const monorepo: ProjectFacts = {
  fullPath: 'acme/payments/payments',
  webUrl: 'https://gitlab.example.com/acme/payments/payments',
  namespace: 'acme/payments',
  defaultBranch: 'main',
  lastActivityAt: '2026-11-30T10:00:00.000Z',
  visibility: 'internal',
  headCommit: 'abc123',
  readDigest: 'd1',
  team: 'payments',
  pipelineVersion: '2.7.2',
  services: [
    { name: 'payments-api', path: 'services/api', chartVersion: '3.9.0' },
    { name: 'payments-worker', path: 'services/worker', chartVersion: '4.3.1' },
  ],
};

describe('gitlab mapping', () => {
  it('maps a monorepo to its project and one service per folder, with versions, lags and releases behind', () => {
    const [project, api, worker] = mapProject(monorepo, RELEASES, 'gitlab:acme/payments');
    expect(project).toEqual({
      blueprint: 'gitlabProject',
      identifier: 'acme/payments/payments',
      title: 'payments',
      scope: 'gitlab:acme/payments',
      properties: {
        url: 'https://gitlab.example.com/acme/payments/payments',
        namespace: 'acme/payments',
        defaultBranch: 'main',
        lastActivityAt: '2026-11-30T10:00:00.000Z',
        visibility: 'internal',
        isMonorepo: true,
        serviceCount: 2,
        headCommit: 'abc123',
        readDigest: 'd1',
      },
      relations: { team: 'payments' },
    });
    expect(api).toEqual({
      blueprint: 'service',
      identifier: 'payments-api',
      title: 'payments-api',
      scope: 'gitlab:acme/payments',
      properties: {
        repoUrl: 'https://gitlab.example.com/acme/payments/payments/-/tree/main/services/api',
        path: 'services/api',
        chartVersion: '3.9.0',
        chartLatest: '4.3.1',
        chartLag: 'major',
        chartReleasesBehind: 4,
        pipelineVersion: '2.7.2',
        pipelineLatest: '2.8.0',
        pipelineLag: 'minor',
        pipelineReleasesBehind: 2,
        hasRepository: true,
      },
      relations: { team: 'payments', gitlabProject: 'acme/payments/payments' },
    });
    expect(worker?.properties).toMatchObject({ chartLag: 'current', chartReleasesBehind: 0, pipelineLag: 'minor' });
  });

  it('says unknown, with no releases behind, for what could not be read', () => {
    const single: ProjectFacts = {
      ...monorepo,
      fullPath: 'acme/search',
      pipelineVersion: undefined,
      headCommit: undefined,
      readDigest: undefined,
      services: [{ name: 'search', path: '' }],
    };
    const [project, search] = mapProject(single, RELEASES, 'gitlab:acme');
    expect(project?.properties).toMatchObject({ isMonorepo: false, serviceCount: 1, headCommit: null, readDigest: null });
    expect(search?.properties).toMatchObject({
      repoUrl: 'https://gitlab.example.com/acme/payments/payments/-/tree/main',
      path: '',
      chartVersion: null,
      chartLag: 'unknown',
      chartReleasesBehind: null,
      pipelineVersion: null,
      pipelineLag: 'unknown',
      pipelineReleasesBehind: null,
    });
  });

  it('keeps a project without services, and without central releases every lag is unknown', () => {
    const [project, ...services] = mapProject({ ...monorepo, services: [] }, { chartTags: [], pipelineTags: [] }, 'gitlab:acme');
    expect(services).toEqual([]);
    expect(project?.properties).toMatchObject({ isMonorepo: false, serviceCount: 0 });
    const [, api] = mapProject(monorepo, { chartTags: [], pipelineTags: [] }, 'gitlab:acme');
    expect(api?.properties).toMatchObject({ chartLatest: null, chartLag: 'unknown', pipelineLag: 'unknown' });
  });

  it.each([
    ['main', 'services/api', 'https://g.example.com/p/-/tree/main/services/api'],
    ['release/2026', '', 'https://g.example.com/p/-/tree/release/2026'],
    ['feature#1', 'a', 'https://g.example.com/p/-/tree/feature%231/a'],
    [undefined, '', 'https://g.example.com/p/-/tree/HEAD'],
  ])('links branch %s folder %s as %s', (branch, path, url) => {
    expect(repoUrl({ webUrl: 'https://g.example.com/p', defaultBranch: branch }, path)).toBe(url);
  });

  it.each([
    ['acme/payments', {}, 'payments'],
    ['acme/web', { 'acme/web': 'frontend' }, 'frontend'],
    ['platform', {}, 'platform'],
  ])('the team of group %s is %s', (group, teams, team) => {
    expect(teamOf(group, teams)).toBe(team);
  });
});
