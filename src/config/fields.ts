import { z } from 'zod';
import { aliases } from './aliases.js';
import { DEFAULTS, VALUE_NAMES, type ValueName } from './settings.js';
import { tagFilters } from './tag-filters.js';
import { CLUSTER_MODES, COST_METRICS, LOG_LEVELS, SOURCE_IDS } from './types.js';
import { gitlabUrl, portBaseUrl } from './urls.js';
import { cronExpression, fraction, integer, list, matching, oneOf, scalar } from './values.js';

// Written into entity properties and the User-Agent, so it stays short and identifier-safe.
export const SYNC_INSTANCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
// IAM role names may sit under a path, and the name itself is at most 64 characters.
const ROLE_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
// AssumeRole's own constraint on ExternalId.
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const RESOURCE_TYPE = /^[a-z0-9-]+(:[A-Za-z0-9][A-Za-z0-9/_-]*)?$/;
const GITLAB_PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
// AWS caps tag keys at 128 characters; anything longer can never match a resource.
const TAG_KEY = /^[^,]{1,128}$/;
// Kubernetes label key: optional DNS-subdomain prefix, then a name of at most 63 characters.
const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY = new RegExp(
  `^(${DNS_LABEL}(\\.${DNS_LABEL})*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`,
);

const roleArn = matching(ROLE_ARN, 'an IAM role ARN (arn:aws:iam::123456789012:role/name)');
const tagKey = matching(TAG_KEY, 'a tag key (1 to 128 characters, no comma)');
const gitlabProject = matching(GITLAB_PATH, 'a GitLab project path (e.g. platform/helm-chart)');
// Never quoted in a problem: the value is not in secretsOf, but it is not for logs either.
const externalId = scalar.refine((value) => EXTERNAL_ID.test(value), {
  error: '2 to 1224 characters of letters, digits and +=,.@:/- are allowed',
});

const sources = list(oneOf(SOURCE_IDS, 'a source')).transform((ids) =>
  SOURCE_IDS.filter((id) => ids.includes(id)),
);

/** One schema per setting; each is parsed on its own so every bad value is reported. */
export const FIELDS = {
  SOURCES: sources.optional(),
  PORT_CLIENT_ID: scalar.optional(),
  PORT_CLIENT_SECRET: scalar.optional(),
  PORT_BASE_URL: portBaseUrl.prefault(DEFAULTS.PORT_BASE_URL),
  SYNC_INSTANCE: matching(
    SYNC_INSTANCE_PATTERN,
    'an instance name (lower-case letters, digits, ".", "_", "-"; at most 63 characters)',
  ).optional(),
  GITLAB_URL: gitlabUrl.prefault(DEFAULTS.GITLAB_URL),
  GITLAB_TOKEN: scalar.optional(),
  GITLAB_GROUPS: list(matching(GITLAB_PATH, 'a GitLab group path (e.g. acme/payments)')).prefault([]),
  GITLAB_CHART_PROJECT: gitlabProject.optional(),
  GITLAB_PIPELINE_PROJECT: gitlabProject.optional(),
  AWS_REGIONS: list(matching(REGION, 'a region name')).prefault([]),
  AWS_ACCOUNT_ROLE_ARNS: list(roleArn).prefault([]),
  AWS_ORGANIZATION_ROLE_NAME: matching(ROLE_NAME, 'an IAM role name').optional(),
  AWS_ACCOUNT_EXCLUDE: list(matching(ACCOUNT_ID, 'a 12-digit AWS account id')).prefault([]),
  AWS_EXTERNAL_ID: externalId.optional(),
  AWS_RESOURCE_TYPES: list(
    matching(RESOURCE_TYPE, 'a resource type filter (service or service:type, e.g. ec2:instance)'),
  ).prefault(DEFAULTS.AWS_RESOURCE_TYPES),
  AWS_TAG_FILTERS: tagFilters.prefault([]),
  AWS_COST_ROLE_ARN: roleArn.optional(),
  TAG_SERVICE: tagKey.prefault(DEFAULTS.TAG_SERVICE),
  TAG_TEAM: tagKey.prefault(DEFAULTS.TAG_TEAM),
  TAG_ENVIRONMENT: tagKey.prefault(DEFAULTS.TAG_ENVIRONMENT),
  REQUIRED_TAGS: list(tagKey).prefault(DEFAULTS.REQUIRED_TAGS),
  TEAM_ALIASES: aliases.prefault({}),
  ENVIRONMENT_ALIASES: aliases.prefault({}),
  KUBERNETES_CLUSTERS: oneOf(CLUSTER_MODES, 'a cluster mode').prefault(DEFAULTS.KUBERNETES_CLUSTERS),
  K8S_SERVICE_LABEL: matching(LABEL_KEY, 'a Kubernetes label key').prefault(DEFAULTS.K8S_SERVICE_LABEL),
  COST_METRIC: oneOf(COST_METRICS, 'a Cost Explorer money metric').prefault(DEFAULTS.COST_METRIC),
  COST_HISTORY_MONTHS: integer(1, 38).prefault(DEFAULTS.COST_HISTORY_MONTHS),
  SYNC_SCHEDULE: cronExpression().prefault(DEFAULTS.SYNC_SCHEDULE),
  COST_SCHEDULE: cronExpression().prefault(DEFAULTS.COST_SCHEDULE),
  DELETE_MAX_RATIO: fraction().prefault(DEFAULTS.DELETE_MAX_RATIO),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'a log level').prefault(DEFAULTS.LOG_LEVEL),
  HTTP_PORT: integer(1, 65535).prefault(DEFAULTS.HTTP_PORT),
} satisfies { [K in ValueName]: z.ZodType };

export type FieldValues = { [K in ValueName]: z.output<(typeof FIELDS)[K]> };

export { VALUE_NAMES };
