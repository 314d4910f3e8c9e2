import { yieldToLoop, type EntityFragment, type ScopeResult, type SourceResult } from '../src/domain/index.js';

/**
 * A synthetic estate, generated from each resource's index so every scenario rebuilds it inside the
 * aws source's `collect` (the way a live source would) instead of holding it outside the measured run.
 */

/** Which 1% of resources each scenario touches; two residues of 100, so the sets never overlap. */
const CHANGED_RESIDUE = 7;
const DELETED_RESIDUE = 13;

export interface EstateVariant {
  /** Properties of 1% of resources differ from the first sync. */
  changed: boolean;
  /** 1% of resources are gone. */
  deleted: boolean;
}

const ACCOUNTS = [
  { id: '111122223333', name: 'acme-prod' },
  { id: '222233334444', name: 'acme-staging' },
  { id: '333344445555', name: 'acme-shared-services' },
  { id: '444455556666', name: 'acme-dev' },
];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1'];
// Mixed case and padding on purpose: the join normalises relation names, as it must for real tags.
const TEAMS = [
  'Payments',
  'Checkout',
  'PLATFORM',
  'Identity',
  'Search',
  'Data Eng',
  'mobile',
  'Web',
  'Growth',
  'Billing',
  'Fraud',
  'Ledger',
  'Notifications',
  'Onboarding',
  'Catalog',
  'Pricing',
  'Shipping',
  'Returns',
  'Support',
  'SRE',
  'Security',
  'ML',
  'Analytics',
  'Partners',
  'Infra ',
];
const ENVIRONMENTS = ['prod', 'staging', 'dev', 'qa'];
const GROUPS = ['commerce', 'platform', 'data', 'mobile', 'web', 'finance', 'ops', 'ml'];
const KINDS = ['api', 'worker', 'gateway', 'consumer', 'scheduler', 'frontend'];

/** One service per 20 resources: a service owning a queue, a table, a bucket, functions... */
export function serviceCount(resources: number): number {
  return Math.max(10, Math.round(resources / 20));
}

export function isChanged(i: number): boolean {
  return i % 100 === CHANGED_RESIDUE;
}

export function isDeleted(i: number): boolean {
  return i % 100 === DELETED_RESIDUE;
}

/** How many of `n` resources fall in a 1% set, for checking what a run did. */
export function countOf(n: number, test: (i: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < n; i += 1) if (test(i)) count += 1;
  return count;
}

/** Resources a live aws source gets per Tagging API page (ResourcesPerPage' maximum). */
const TAGGING_PAGE = 100;

/**
 * What the aws source collects for this estate, built the way a live source builds it: a page of
 * resources at a time, the event loop free between pages (a live source awaits each page).
 */
export async function estateResult(resources: number, variant: EstateVariant): Promise<SourceResult> {
  const services = serviceCount(resources);
  const fragments: EntityFragment[] = [];
  for (let i = 0; i < resources; i += 1) {
    if (i % TAGGING_PAGE === 0) await yieldToLoop();
    if (variant.deleted && isDeleted(i)) continue;
    fragments.push(resourceFragment(i, services, variant.changed && isChanged(i)));
  }
  const { scopes, accounts } = accountsAndScopes();
  return { fragments: [...fragments, ...accounts], scopes, findings: [] };
}

/**
 * Services some remaining resource still names: a service exists wherever it is named, so one whose
 * every resource is gone is deleted with them.
 */
export function servicesNamed(resources: number, deleted: boolean): number {
  const services = serviceCount(resources);
  const named = new Set<number>();
  for (let i = 0; i < resources; i += 1) if (!(deleted && isDeleted(i))) named.add(i % services);
  return named.size;
}

/** Entities a first sync creates: resources, services, accounts, teams and environments. */
export function entityCount(resources: number): number {
  return resources + serviceCount(resources) + ACCOUNTS.length + TEAMS.length + ENVIRONMENTS.length;
}

function serviceName(j: number): string {
  return `${GROUPS[j % GROUPS.length]}-${KINDS[j % KINDS.length]}-${j}`;
}

function teamOf(j: number): string {
  return TEAMS[j % TEAMS.length]!;
}

/** The 12 account and region scopes, all complete, and the 4 accounts. */
function accountsAndScopes(): { scopes: ScopeResult[]; accounts: EntityFragment[] } {
  const scopes: ScopeResult[] = [];
  const accounts: EntityFragment[] = [];
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) scopes.push(complete(`aws:${account.id}:${region}`));
    accounts.push({
      blueprint: 'awsAccount',
      identifier: account.id,
      title: account.name,
      scope: `aws:${account.id}:${REGIONS[0]}`,
      properties: { accountId: account.id, name: account.name },
    });
  }
  return { scopes, accounts };
}

function complete(scope: string): ScopeResult {
  return { scope, complete: true };
}

/** Shaped like the aws source's mapResource output: ~1 KB of properties, tags included. */
function resourceFragment(i: number, services: number, changed: boolean): EntityFragment {
  const j = i % services;
  const service = serviceName(j);
  const team = teamOf(j);
  const account = ACCOUNTS[i % ACCOUNTS.length]!;
  const region = REGIONS[Math.floor(i / ACCOUNTS.length) % REGIONS.length]!;
  const environment = ENVIRONMENTS[Math.floor(i / 12) % ENVIRONMENTS.length]!;
  const { arn, awsService, resourceType, title, consoleUrl } = resourceShape(i, service, account.id, region);
  // One resource in twenty lacks its cost-center tag: the compliance fields then carry real values.
  const compliant = i % 20 !== 3;
  const tags: Record<string, string> = {
    service,
    team,
    environment,
    ...(compliant ? { 'cost-center': `cc-${1000 + (j % 40)}` } : {}),
    Name: title,
    owner: `${team.trim().toLowerCase().replace(/\s+/g, '-')}@example.com`,
    'managed-by': 'terraform',
    'terraform-module': `git::https://gitlab.example.com/infra/modules.git//${awsService}?ref=v3.${i % 9}.0`,
    'created-by': 'arn:aws:iam::111122223333:role/gitlab-ci-deployer',
    backup: i % 3 === 0 ? 'daily' : 'none',
    // The field the 1%-changed scenario moves: a redeploy stamps a new release on the resource.
    release: changed ? `2026.11.${(i % 28) + 1}-r2` : `2026.10.${(i % 28) + 1}-r1`,
  };
  return {
    blueprint: 'awsResource',
    identifier: arn,
    title,
    scope: `aws:${account.id}:${region}`,
    properties: {
      arn,
      awsService,
      resourceType,
      region,
      accountId: account.id,
      consoleUrl,
      tags,
      missingTags: compliant ? [] : ['cost-center'],
      tagCompliant: compliant,
    },
    relations: { service, team, environment, awsAccount: account.id },
  };
}

interface Shape {
  arn: string;
  awsService: string;
  resourceType: string;
  title: string;
  consoleUrl: string;
}

/** A spread of resource types with their real ARN and console URL shapes. */
function resourceShape(i: number, service: string, account: string, region: string): Shape {
  const console = `https://${region}.console.aws.amazon.com`;
  switch (i % 6) {
    case 0: {
      const name = `${service}-queue-${i}`;
      const arn = `arn:aws:sqs:${region}:${account}:${name}`;
      return {
        arn,
        awsService: 'sqs',
        resourceType: 'sqs',
        title: name,
        consoleUrl: `${console}/sqs/v3/home?region=${region}#/queues/${encodeURIComponent(`https://sqs.${region}.amazonaws.com/${account}/${name}`)}`,
      };
    }
    case 1: {
      const name = `${service}-fn-${i}`;
      return {
        arn: `arn:aws:lambda:${region}:${account}:function:${name}`,
        awsService: 'lambda',
        resourceType: 'lambda:function',
        title: name,
        consoleUrl: `${console}/lambda/home?region=${region}#/functions/${name}`,
      };
    }
    case 2: {
      const name = `${service}-db-${i}`;
      return {
        arn: `arn:aws:rds:${region}:${account}:db:${name}`,
        awsService: 'rds',
        resourceType: 'rds:db',
        title: name,
        consoleUrl: `${console}/rds/home?region=${region}#database:id=${name}`,
      };
    }
    case 3: {
      const name = `${service}-table-${i}`;
      return {
        arn: `arn:aws:dynamodb:${region}:${account}:table/${name}`,
        awsService: 'dynamodb',
        resourceType: 'dynamodb:table',
        title: name,
        consoleUrl: `${console}/dynamodbv2/home?region=${region}#table?name=${name}`,
      };
    }
    case 4: {
      const name = `${service}-assets-${i}`;
      return {
        arn: `arn:aws:s3:::${name}`,
        awsService: 's3',
        resourceType: 's3',
        title: name,
        consoleUrl: `https://s3.console.aws.amazon.com/s3/buckets/${name}?region=${region}`,
      };
    }
    default: {
      const name = `${service}-events-${i}`;
      return {
        arn: `arn:aws:sns:${region}:${account}:${name}`,
        awsService: 'sns',
        resourceType: 'sns',
        title: name,
        consoleUrl: `${console}/sns/v3/home?region=${region}#/topic/arn:aws:sns:${region}:${account}:${name}`,
      };
    }
  }
}
