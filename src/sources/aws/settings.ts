import { AWS_ACCESS_SETTINGS, type AwsAccessSettings } from '../../aws/settings.js';
import { defineSettings } from '../../config/define.js';
import { resourceType, tagKey } from '../../config/fields.js';
import { tagFilters } from '../../config/tag-filters.js';
import type { TagFilter } from '../../config/types.js';
import { list } from '../../config/values.js';

/**
 * Resource Groups Tagging API type filters scanned when AWS_RESOURCE_TYPES is not set: the
 * resources services are built from. Names follow the ARN service namespace, which is what the
 * API matches on (EFS is `elasticfilesystem`, not `efs`).
 */
export const DEFAULT_RESOURCE_TYPES: readonly string[] = [
  'ec2:instance',
  'ec2:volume',
  'ec2:vpc',
  'ec2:subnet',
  'ec2:security-group',
  'elasticloadbalancing:loadbalancer',
  'rds:db',
  'rds:cluster',
  's3',
  'dynamodb:table',
  'lambda:function',
  'sqs',
  'sns',
  'ecr:repository',
  'eks:cluster',
  'elasticache:cluster',
  'es:domain',
  'kinesis:stream',
  'secretsmanager:secret',
  'states:stateMachine',
  'kms:key',
  'apigateway',
  'cloudfront:distribution',
  'elasticfilesystem:file-system',
];

export const DEFAULT_REQUIRED_TAGS = 'service,team,environment,cost-center';

/** What the aws source reads: the shared access, what to list, and the tags it maps and checks. */
export interface AwsSourceSettings {
  access: AwsAccessSettings;
  resourceTypes: string[];
  tagFilters: TagFilter[];
  /** The central tag keys, and the tags every resource must carry. */
  tags: { service: string; team: string; environment: string; required: string[] };
}

export const AWS_SOURCE_SETTINGS = defineSettings({
  id: 'aws',
  title: 'aws source',
  uses: [AWS_ACCESS_SETTINGS],
  rows: {
    AWS_RESOURCE_TYPES: {
      yamlKey: 'aws.resourceTypes',
      default: DEFAULT_RESOURCE_TYPES.join(','),
      description:
        'Tagging API resource type filters (service or service:type), applied server-side; more than 100 are sent in several listings; an empty YAML list reads every type.',
      schema: list(resourceType),
    },
    AWS_TAG_FILTERS: {
      yamlKey: 'aws.tagFilters',
      description:
        'Optional tag filters for discovery, applied server-side: `key=v1|v2,other-key` (a key alone matches any value); a resource must match every filter. In YAML also a list of {key, values}.',
      schema: tagFilters.prefault([]),
    },
    REQUIRED_TAGS: {
      yamlKey: 'tags.required',
      default: DEFAULT_REQUIRED_TAGS,
      description: 'Tags every resource must carry (tag compliance: `missingTags`, `tagCompliant`).',
      schema: list(tagKey),
    },
  },
  enabledBy: ['AWS_REGIONS', 'AWS_ACCOUNT_ROLE_ARNS', 'AWS_ORGANIZATION_ROLE_NAME'],
  // EKS clusters and tagged resources are listed per region, so at least one is needed.
  requires: [{ env: 'AWS_REGIONS' }],
  read: (v, core, all): AwsSourceSettings => ({
    access: AWS_ACCESS_SETTINGS.read(all, core),
    resourceTypes: v.AWS_RESOURCE_TYPES,
    tagFilters: v.AWS_TAG_FILTERS,
    tags: { ...core.tags, required: v.REQUIRED_TAGS },
  }),
});
