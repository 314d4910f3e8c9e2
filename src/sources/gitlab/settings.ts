import { z } from 'zod';
import { defineSettings } from '../../config/define.js';
import { gitlabUrl } from '../../config/urls.js';
import { addProblem, integer, list, matching, quote, scalar, splitList } from '../../config/values.js';

/** What the gitlab source reads: where, with which token, which groups, and the two central projects. */
export interface GitlabSettings {
  /** Root URL without a trailing slash; may carry a relative URL root such as /gitlab. */
  url: string;
  token: string;
  groups: string[];
  chartProject?: string;
  pipelineProject?: string;
  /** GITLAB_CHART_NAME; unset: the `name` in the chart project's own Chart.yaml. */
  chartName?: string;
  valuesFiles: string[];
  concurrency: number;
  /** group path -> team name, for groups whose last path segment is not the team's name. */
  groupTeams: Record<string, string>;
}

// GitLab path segments start with a letter, digit or underscore (so no `.` or `..`).
const PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;
const groupPath = matching(PATH, 'a GitLab group path (e.g. acme/payments)');
const projectPath = matching(PATH, 'a GitLab project path (e.g. platform/helm-chart)');
const fileName = matching(/^[^/\\]+$/, 'a file name (no folder)');

/** `acme/payments=payments,acme/web=frontend`, or in YAML a mapping of group path to team. */
const groupTeams = z.unknown().transform((value, ctx): Record<string, string> => {
  const entries: [unknown, unknown][] =
    typeof value === 'string'
      ? (splitList(value) as string[]).map((item) => {
          const at = item.indexOf('=');
          return at < 0 ? [item, ''] : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
        })
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
        : [];
  if (entries.length === 0 && value !== undefined && value !== '' && !(typeof value === 'object' && value !== null)) {
    addProblem(ctx, 'expected group=team pairs, or a mapping of group path to team');
  }
  const map: Record<string, string> = {};
  for (const [group, team] of entries) {
    if (typeof group !== 'string' || !PATH.test(group)) addProblem(ctx, `${quote(group)} is not a GitLab group path`);
    else if (typeof team !== 'string' || team.trim() === '') addProblem(ctx, `the team of group ${quote(group)} is empty`);
    else map[group] = team.trim();
  }
  return map;
});

/**
 * Projects read at once. GitLab.com allows about 2,000 authenticated API requests a minute per user;
 * four projects in flight (each a handful of requests) keep a large estate quick well under that.
 */
const DEFAULT_CONCURRENCY = '4';

export const GITLAB_SETTINGS = defineSettings({
  id: 'gitlab',
  title: 'gitlab source',
  rows: {
    GITLAB_URL: {
      yamlKey: 'gitlab.url',
      default: 'https://gitlab.com',
      description:
        'GitLab root URL (a path is kept for GitLab under a relative URL root; the client adds /api/v4). The token is sent there, so plain http only on a loopback host.',
      schema: gitlabUrl,
    },
    GITLAB_TOKEN: {
      yamlKey: 'gitlab.token',
      secret: true,
      fromFile: true,
      description:
        'GitLab token with the read_api scope (a group access token of the scanned groups, or a project bot); required when the gitlab source runs. Prefer the environment (a Kubernetes Secret) or GITLAB_TOKEN_FILE over the config file.',
      schema: scalar.optional(),
    },
    GITLAB_GROUPS: {
      yamlKey: 'gitlab.groups',
      description: 'Group paths to scan, with their subgroups (e.g. acme/payments); required when the gitlab source runs.',
      schema: list(groupPath).prefault([]),
    },
    GITLAB_CHART_PROJECT: {
      yamlKey: 'gitlab.chartProject',
      description: 'Path of the central Helm chart project; its stable semver tags are the chart releases.',
      schema: projectPath.optional(),
    },
    GITLAB_PIPELINE_PROJECT: {
      yamlKey: 'gitlab.pipelineProject',
      description: 'Path of the central CI pipeline project; its stable semver tags are the pipeline releases.',
      schema: projectPath.optional(),
    },
    GITLAB_CHART_NAME: {
      yamlKey: 'gitlab.chartName',
      defaultText: "the `name` in the chart project's Chart.yaml",
      description: 'Name of the central chart as services depend on it in their Chart.yaml.',
      schema: matching(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Helm chart name').optional(),
    },
    GITLAB_VALUES_FILES: {
      yamlKey: 'gitlab.valuesFiles',
      default: 'values.yaml',
      description: 'File names that make a folder a service (the first listed wins when a folder holds several).',
      schema: list(fileName),
    },
    GITLAB_CONCURRENCY: {
      yamlKey: 'gitlab.concurrency',
      default: DEFAULT_CONCURRENCY,
      description: 'GitLab requests in flight at once, 1 to 16 (the client also paces itself from RateLimit-Remaining).',
      schema: integer(1, 16),
    },
    GITLAB_GROUP_TEAMS: {
      yamlKey: 'gitlab.groupTeams',
      description:
        "Team of the projects under a group, when it is not the group's last path segment: `acme/web=frontend,acme/pay=payments`; in YAML a mapping of group path to team.",
      schema: groupTeams,
    },
  },
  enabledBy: ['GITLAB_GROUPS'],
  requires: [{ env: 'GITLAB_TOKEN' }, { env: 'GITLAB_GROUPS' }],
  read: (v): GitlabSettings => ({
    url: v.GITLAB_URL,
    token: v.GITLAB_TOKEN ?? '',
    groups: v.GITLAB_GROUPS,
    chartProject: v.GITLAB_CHART_PROJECT,
    pipelineProject: v.GITLAB_PIPELINE_PROJECT,
    chartName: v.GITLAB_CHART_NAME,
    valuesFiles: v.GITLAB_VALUES_FILES,
    concurrency: v.GITLAB_CONCURRENCY,
    groupTeams: v.GITLAB_GROUP_TEAMS ?? {},
  }),
});
