import { defineSettings } from '../config/define.js';
import { accountId, externalId, region, roleArn, roleName } from '../config/fields.js';
import { list } from '../config/values.js';
import { roleSessionName } from './credentials.js';

/** How every AWS-using source reaches the accounts: regions, roles, exclusions, AssumeRole's ExternalId. */
export interface AwsAccessSettings {
  regions: string[];
  accountRoleArns: string[];
  organizationRoleName?: string;
  accountExclude: string[];
  externalId?: string;
  /** RoleSessionName of every AssumeRole, named after SYNC_INSTANCE so CloudTrail shows who called. */
  sessionName: string;
}

/** The shared AWS access rows: listed once, under their own heading, whichever sources use them. */
export const AWS_ACCESS_SETTINGS = defineSettings({
  id: 'aws-access',
  title: 'AWS access (shared by the AWS sources)',
  rows: {
    AWS_REGIONS: {
      yamlKey: 'aws.regions',
      defaultText: "the SDK's region (AWS_REGION, then AWS_DEFAULT_REGION)",
      defaultFrom: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
      description:
        'Regions to scan in every account; regions not enabled in an account are skipped and said so. The first is also where STS and Organizations are called. Required by the aws source.',
      schema: list(region).prefault([]),
    },
    AWS_ACCOUNT_ROLE_ARNS: {
      yamlKey: 'aws.accountRoleArns',
      description:
        "Roles to assume, one per account (the account id is read from the ARN); the worker's own account is always read with its own credentials.",
      schema: list(roleArn).prefault([]),
    },
    AWS_ORGANIZATION_ROLE_NAME: {
      yamlKey: 'aws.organizationRoleName',
      description:
        "If set, list the organization's accounts (Organizations ListAccounts) and assume `arn:<partition>:iam::<account>:role/<name>` in every ACTIVE account other than the worker's own.",
      schema: roleName.optional(),
    },
    AWS_ACCOUNT_EXCLUDE: {
      yamlKey: 'aws.accountExclude',
      description: "12-digit ids of accounts never read, the worker's own included if listed (quote them in YAML lists).",
      schema: list(accountId).prefault([]),
    },
    AWS_EXTERNAL_ID: {
      yamlKey: 'aws.externalId',
      description: 'ExternalId sent with every AssumeRole.',
      schema: externalId.optional(),
    },
  },
  read: (v, core): AwsAccessSettings => ({
    regions: v.AWS_REGIONS,
    accountRoleArns: v.AWS_ACCOUNT_ROLE_ARNS,
    organizationRoleName: v.AWS_ORGANIZATION_ROLE_NAME,
    accountExclude: v.AWS_ACCOUNT_EXCLUDE,
    externalId: v.AWS_EXTERNAL_ID,
    sessionName: roleSessionName(core.syncInstance),
  }),
});
