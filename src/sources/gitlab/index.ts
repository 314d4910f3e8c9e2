import type { Source } from '../../domain/index.js';
import { ConfigError } from '../../errors.js';
import type { SourceDeps, SourceModule } from '../types.js';
import type { createGitlabClient } from './client.js';
import { GITLAB_OWNS } from './owns.js';
import { GITLAB_SETTINGS, type GitlabSettings } from './settings.js';

export type { GitlabSettings } from './settings.js';
export { GITLAB_OWNS } from './owns.js';

export interface GitlabSourceDeps extends SourceDeps {
  /** Test seams of the client (sleep, clock, random). */
  client?: Partial<Parameters<typeof createGitlabClient>[0]>;
}

export function createGitlabSource(settings: GitlabSettings, deps: GitlabSourceDeps): Source {
  if (!settings.token) throw new ConfigError(['GITLAB_TOKEN: the gitlab source needs a token with the read_api scope']);
  if (settings.groups.length === 0) throw new ConfigError(['GITLAB_GROUPS: the gitlab source needs at least one group']);
  return {
    id: 'gitlab',
    owns: GITLAB_OWNS,
    // The GitLab client, YAML and semver are loaded when the source first runs: a run or an
    // installation without it does not pay for them.
    collect: async (context) => (await import('./collect.js')).collectGitlab(settings, deps, context),
  };
}

export const gitlabSource: SourceModule<GitlabSettings> = {
  id: 'gitlab',
  owns: GITLAB_OWNS,
  settings: GITLAB_SETTINGS,
  create: createGitlabSource,
};

export type { ProjectFacts } from './map.js';
