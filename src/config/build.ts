import type { FieldValues } from './fields.js';
import type { Config, SourceId } from './types.js';

export interface BuildContext {
  sources: SourceId[];
  syncInstance: string;
  configFile?: string;
}

export function buildConfig(v: FieldValues, context: BuildContext): Config {
  return {
    sources: context.sources,
    port: {
      baseUrl: v.PORT_BASE_URL.url,
      clientId: v.PORT_CLIENT_ID,
      clientSecret: v.PORT_CLIENT_SECRET,
      isLoopback: v.PORT_BASE_URL.isLoopback,
    },
    syncInstance: context.syncInstance,
    gitlab: {
      url: v.GITLAB_URL,
      token: v.GITLAB_TOKEN,
      groups: v.GITLAB_GROUPS,
      chartProject: v.GITLAB_CHART_PROJECT,
      pipelineProject: v.GITLAB_PIPELINE_PROJECT,
    },
    aws: {
      regions: v.AWS_REGIONS,
      accountRoleArns: v.AWS_ACCOUNT_ROLE_ARNS,
      organizationRoleName: v.AWS_ORGANIZATION_ROLE_NAME,
      accountExclude: v.AWS_ACCOUNT_EXCLUDE,
      externalId: v.AWS_EXTERNAL_ID,
      resourceTypes: v.AWS_RESOURCE_TYPES,
      tagFilters: v.AWS_TAG_FILTERS,
      costRoleArn: v.AWS_COST_ROLE_ARN,
    },
    tags: {
      service: v.TAG_SERVICE,
      team: v.TAG_TEAM,
      environment: v.TAG_ENVIRONMENT,
      required: v.REQUIRED_TAGS,
    },
    aliases: { team: v.TEAM_ALIASES, environment: v.ENVIRONMENT_ALIASES },
    kubernetes: { clusters: v.KUBERNETES_CLUSTERS, serviceLabel: v.K8S_SERVICE_LABEL },
    cost: { metric: v.COST_METRIC, historyMonths: v.COST_HISTORY_MONTHS },
    schedule: { sync: v.SYNC_SCHEDULE, cost: v.COST_SCHEDULE },
    deleteMaxRatio: v.DELETE_MAX_RATIO,
    logLevel: v.LOG_LEVEL,
    httpPort: v.HTTP_PORT,
    configFile: context.configFile,
  };
}
