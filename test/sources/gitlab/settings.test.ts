import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/errors.js';
import { gitlabSource } from '../../../src/sources/gitlab/index.js';
import { sourceSettingsOf } from '../../../src/sources/registry.js';

const LOCAL = { PORT_BASE_URL: 'http://127.0.0.1:5555' };
const problemsOf = (env: Record<string, string>, cwd?: string): string[] => {
  try {
    loadConfig({ ...LOCAL, ...env }, cwd ? { cwd } : {});
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('gitlab settings', () => {
  it('are read from the environment, with their defaults, and enable the source', () => {
    const config = loadConfig({
      ...LOCAL,
      GITLAB_GROUPS: 'acme/payments, acme/web',
      GITLAB_TOKEN: 'glpat-secret-value',
      GITLAB_GROUP_TEAMS: 'acme/web=frontend',
    });
    expect(config.sources).toEqual(['gitlab']);
    expect(sourceSettingsOf(config, gitlabSource)).toEqual({
      url: 'https://gitlab.com',
      token: 'glpat-secret-value',
      groups: ['acme/payments', 'acme/web'],
      chartProject: undefined,
      pipelineProject: undefined,
      chartName: undefined,
      valuesFiles: ['values.yaml'],
      concurrency: 4,
      groupTeams: { 'acme/web': 'frontend' },
    });
  });

  it('reads a YAML file, the token from a file, and a URL under a relative root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcs-gitlab-'));
    writeFileSync(join(dir, 'token'), 'glpat-from-file\n');
    writeFileSync(
      join(dir, 'config.yaml'),
      [
        'gitlab:',
        '  url: https://example.com/gitlab/',
        '  tokenFile: token',
        '  groups: [acme]',
        '  chartProject: platform/helm-chart',
        '  pipelineProject: platform/ci',
        '  valuesFiles: [values.yaml, values-prod.yaml]',
        '  concurrency: "8"',
        '  groupTeams:',
        '    acme: Platform Team',
        '',
      ].join('\n'),
    );
    const settings = sourceSettingsOf(loadConfig({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, { cwd: dir }), gitlabSource);
    expect(settings).toMatchObject({
      url: 'https://example.com/gitlab',
      token: 'glpat-from-file',
      groups: ['acme'],
      chartProject: 'platform/helm-chart',
      pipelineProject: 'platform/ci',
      valuesFiles: ['values.yaml', 'values-prod.yaml'],
      concurrency: 8,
      groupTeams: { acme: 'Platform Team' },
    });
  });

  it('lists every problem, never quoting the token', () => {
    const problems = problemsOf({
      SOURCES: 'gitlab',
      GITLAB_URL: 'http://gitlab.example.com',
      GITLAB_GROUPS: 'acme/../x',
      GITLAB_CONCURRENCY: '99',
      GITLAB_VALUES_FILES: 'deploy/values.yaml',
      GITLAB_GROUP_TEAMS: 'acme=',
    });
    expect(problems.join('\n')).toMatch(/GITLAB_URL \(environment\): .*loopback/);
    expect(problems.join('\n')).toMatch(/GITLAB_GROUPS \(environment\): "acme\/..\/x" is not a GitLab group path/);
    expect(problems.join('\n')).toMatch(/GITLAB_CONCURRENCY \(environment\): "99" is not a whole number from 1 to 16/);
    expect(problems.join('\n')).toMatch(/GITLAB_VALUES_FILES \(environment\): "deploy\/values.yaml" is not a file name/);
    expect(problems.join('\n')).toMatch(/GITLAB_GROUP_TEAMS \(environment\): the team of group "acme" is empty/);
    expect(problems.join('\n')).toMatch(/GITLAB_TOKEN: required/);
  });

  it('needs a token and groups when SOURCES names it', () => {
    const problems = problemsOf({ SOURCES: 'gitlab' });
    expect(problems.some((p) => p.startsWith('GITLAB_TOKEN: required'))).toBe(true);
    expect(problems.some((p) => p.startsWith('GITLAB_GROUPS: required'))).toBe(true);
    expect(problemsOf({ SOURCES: 'gitlab', GITLAB_TOKEN: 'glpat-x', GITLAB_GROUPS: 'acme' })).toEqual([]);
  });
});
