import { formatScope, type EntityFragment, type SourceRun } from '../domain/index.js';
import { BUILTIN_REGISTRY } from '../sources/registry.js';

/**
 * The bundled sample estate: what the aws and cost sources would collect from a small company with
 * three teams, two AWS accounts, one EKS cluster and two months of cost (its GitLab, with a
 * monorepo, is sample-gitlab.ts; what runs on its cluster is sample-kubernetes.ts). `week` 2 is
 * the same estate a week later (a chart upgrade, a resource gone; its cluster has a workload degraded).
 */
const ACCOUNT_PROD = '111122223333';
const ACCOUNT_DEV = '444455556666';
const REGION = 'eu-west-1';
/** The sample's one EKS cluster: the aws sample lists it, and the demo's local cluster is it. */
export const SAMPLE_CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT_PROD}:cluster/prod`;
const CLUSTER_ARN = SAMPLE_CLUSTER_ARN;

/** The aws and cost runs carry those sources' registered declarations. */
const AWS_OWNS = BUILTIN_REGISTRY.ownership('aws')!;
const COST_OWNS = BUILTIN_REGISTRY.ownership('cost')!;
const PARTITION = (accountId: string) => formatScope({ kind: 'aws', accountId, region: REGION });
const COST_SCOPE = formatScope({ kind: 'cost', from: '2026-10', to: '2026-11' });

interface SampleService {
  name: string;
  team: string;
  project: string;
  path: string;
  chart: string;
  pipeline: string;
  cost: [number, number];
}

function services(week: 1 | 2): SampleService[] {
  return [
    {
      name: 'checkout-api',
      team: 'Checkout',
      project: 'acme/checkout',
      path: '.',
      chart: '4.3.1',
      pipeline: '2.8.0',
      cost: [812.4, 540.2],
    },
    {
      name: 'payments-api',
      team: 'pay',
      project: 'acme/payments',
      path: 'services/api',
      chart: week === 1 ? '3.9.0' : '4.3.1',
      pipeline: '2.7.2',
      cost: [1290.0, 905.75],
    },
    {
      name: 'payments-worker',
      team: 'pay',
      project: 'acme/payments',
      path: 'services/worker',
      chart: '4.2.0',
      pipeline: '2.8.0',
      cost: [310.5, 260.1],
    },
    { name: 'search', team: 'platform', project: 'acme/search', path: '.', chart: '4.3.0', pipeline: '1.9.4', cost: [2210.9, 1730.0] },
    {
      name: 'notifications',
      team: 'Platform ',
      project: 'acme/notifications',
      path: '.',
      chart: '2.1.0',
      pipeline: '2.8.0',
      cost: [95.2, 40.3],
    },
  ];
}

const REQUIRED = ['service', 'team', 'environment', 'cost-center'];

function resource(account: string, arn: string, type: string, tags: Record<string, string>): EntityFragment {
  const missing = REQUIRED.filter((k) => !tags[k]?.trim());
  const [awsService = '', resourceType = ''] = type.split(':');
  return {
    blueprint: 'awsResource',
    identifier: arn,
    title: arn.split(/[:/]/).pop() ?? arn,
    scope: PARTITION(account),
    properties: {
      arn,
      awsService,
      resourceType,
      region: REGION,
      accountId: account,
      tags,
      missingTags: missing,
      tagCompliant: missing.length === 0,
    },
    relations: { service: tags.service ?? null, team: tags.team ?? null, environment: tags.environment ?? null, awsAccount: account },
  };
}

function aws(week: 1 | 2): SourceRun {
  const t = (service: string, team: string, environment: string, costCenter?: string) => ({
    service,
    team,
    environment,
    ...(costCenter ? { 'cost-center': costCenter } : {}),
  });
  const fragments: EntityFragment[] = [
    {
      blueprint: 'awsAccount',
      identifier: ACCOUNT_PROD,
      title: 'acme-prod',
      scope: PARTITION(ACCOUNT_PROD),
      properties: { accountId: ACCOUNT_PROD, name: 'acme-prod' },
    },
    {
      blueprint: 'awsAccount',
      identifier: ACCOUNT_DEV,
      title: 'acme-dev',
      scope: PARTITION(ACCOUNT_DEV),
      properties: { accountId: ACCOUNT_DEV, name: 'acme-dev' },
    },
    resource(
      ACCOUNT_PROD,
      `arn:aws:rds:${REGION}:${ACCOUNT_PROD}:db:checkout-db`,
      'rds:db',
      t('checkout-api', 'checkout', 'prod', 'cc-100'),
    ),
    resource(
      ACCOUNT_PROD,
      `arn:aws:sqs:${REGION}:${ACCOUNT_PROD}:payments-events`,
      'sqs:queue',
      t('payments-worker', 'Payments', 'production', 'cc-200'),
    ),
    resource(
      ACCOUNT_PROD,
      `arn:aws:dynamodb:${REGION}:${ACCOUNT_PROD}:table/payments`,
      'dynamodb:table',
      t('payments-api', 'payments', 'prd', 'cc-200'),
    ),
    resource(ACCOUNT_PROD, 'arn:aws:s3:::acme-search-index', 's3:bucket', t('search', 'platform', 'prod')),
    resource(ACCOUNT_PROD, `arn:aws:es:${REGION}:${ACCOUNT_PROD}:domain/search`, 'es:domain', t('Search ', 'platform', 'prod', 'cc-300')),
    resource(
      ACCOUNT_PROD,
      `arn:aws:lambda:${REGION}:${ACCOUNT_PROD}:function:notify`,
      'lambda:function',
      t('notifications', 'platform', 'prod', 'cc-300'),
    ),
    resource(
      ACCOUNT_DEV,
      `arn:aws:sqs:${REGION}:${ACCOUNT_DEV}:payments-events-staging`,
      'sqs:queue',
      t('payments-worker', 'pay', 'staging', 'cc-200'),
    ),
    resource(ACCOUNT_DEV, `arn:aws:ec2:${REGION}:${ACCOUNT_DEV}:instance/i-0abc123`, 'ec2:instance', { Name: 'bastion' }),
    {
      blueprint: 'eksCluster',
      identifier: CLUSTER_ARN,
      title: 'prod',
      scope: PARTITION(ACCOUNT_PROD),
      properties: {
        name: 'prod',
        version: '1.31',
        platformVersion: 'eks.12',
        status: 'ACTIVE',
        region: REGION,
        accountId: ACCOUNT_PROD,
        endpoint: 'https://prod.eks.example.com',
        endpointPublicAccess: false,
        endpointPrivateAccess: true,
        authenticationMode: 'API',
      },
      relations: { environment: 'production', awsAccount: ACCOUNT_PROD },
    },
  ];
  if (week === 1) {
    fragments.push(resource(ACCOUNT_DEV, `arn:aws:s3:::acme-old-exports`, 's3:bucket', t('search', 'platform', 'staging')));
  }
  const scopes = [ACCOUNT_PROD, ACCOUNT_DEV].map((a) => ({ scope: PARTITION(a), complete: true }));
  return { id: 'aws', owns: AWS_OWNS, result: { fragments, scopes, findings: [] } };
}

function cost(): SourceRun {
  const months = ['2026-10', '2026-11'];
  const fragments: EntityFragment[] = [];
  for (const s of services(1)) {
    const [last, mtd] = s.cost;
    months.forEach((m, i) =>
      fragments.push({
        blueprint: 'cloudCost',
        identifier: `${s.name}@${m}`,
        title: `${s.name} ${m}`,
        scope: COST_SCOPE,
        properties: {
          month: `${m}-01T00:00:00.000Z`,
          isCurrentMonth: i === 1,
          amount: i === 1 ? mtd : last,
          currency: 'USD',
          metric: 'AmortizedCost',
          isComplete: i === 0,
        },
        relations: { service: s.name },
      }),
    );
    // 22 complete days of a 30-day month against last month's total.
    const change = Math.round(((mtd * 30) / 22 / last - 1) * 1000) / 10;
    fragments.push({
      blueprint: 'service',
      identifier: s.name,
      scope: COST_SCOPE,
      properties: { costMonthToDate: mtd, costLastMonth: last, costChangePct: change, currency: 'USD' },
    });
  }
  months.forEach((m, i) =>
    fragments.push({
      blueprint: 'cloudCost',
      identifier: `_unallocated@${m}`,
      title: `unallocated ${m}`,
      scope: COST_SCOPE,
      properties: {
        month: `${m}-01T00:00:00.000Z`,
        isCurrentMonth: i === 1,
        amount: i === 1 ? 188.4 : 301.2,
        currency: 'USD',
        metric: 'AmortizedCost',
        isComplete: i === 0,
      },
    }),
  );
  return {
    id: 'cost',
    owns: COST_OWNS,
    result: { fragments, scopes: [{ scope: COST_SCOPE, complete: true }], findings: [], stats: { paidRequests: 1 } },
  };
}

/** The chart version the sample's `service` pins in `week` (its workloads run that version). */
export function sampleChartVersion(service: string, week: 1 | 2): string | undefined {
  return services(week).find((s) => s.name === service)?.chart;
}

/**
 * What the sample's aws and cost sources collect in `week`. Its GitLab and its cluster are served
 * by local servers (sample-gitlab.ts, sample-kubernetes.ts) and read by the real sources.
 */
export function sampleEstate(week: 1 | 2 = 1): SourceRun[] {
  return [aws(week), cost()];
}

/** The aliases the sample's tags need: its teams and environments are spelled several ways. */
export const SAMPLE_ALIASES = {
  TEAM_ALIASES: 'payments=pay|payment-team',
  ENVIRONMENT_ALIASES: 'production=prod|prd,staging=stage|stg',
};
