import { setTimeout as sleep } from 'node:timers/promises';
import type { PortModel } from '../src/model/types.js';
import { PARTITION_CONCURRENCY } from '../src/sources/aws/index.js';
import { AwsFake, assumeRoleReply, callerIdentityReply, type AwsCall, type AwsReply } from '../test/support/aws-fake.js';
import type { BenchOptions } from './options.js';
import { SandboxProcess } from './sandbox-process.js';
import { sourceSession } from './session.js';
import { formatRows } from './table.js';

/** What the Tagging API returns per page at most (ResourcesPerPage), as the source asks for it. */
const TAGGING_PAGE = 100;
const OWN = '111122223333';
const ROLE_ACCOUNTS = ['222233334444', '333344445555', '444455556666'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1'];
const WORKER_KEY = { accessKeyId: 'AKIDBENCHWORKER', secretAccessKey: 'bench-worker-secret' };

export interface AwsResult {
  partitions: number;
  resources: number;
  scenario: string;
  /** GetResources pages AWS answered. */
  pages: number;
  /** Σ ⌈resources in the partition / 100⌉: the fewest pages. */
  floor: number;
  /** Most partitions listed at once (the source's bound is PARTITION_CONCURRENCY). */
  inFlight: number;
  /** Every AWS call (identity, roles, tagging pages, EKS listings). */
  awsCalls: number;
  /** The listing's latency floor: each round of PARTITION_CONCURRENCY partitions costs its longest listing. */
  collectFloorMs: number;
  wallMs: number;
  problems: string[];
}

/**
 * The aws source at scale against a local AWS (the tests' fake, answering with `latency` per call):
 * `resources` tagged resources over 4 accounts (the worker's and three assumed roles) x 3 regions,
 * listed in pages of 100, partitions in parallel within the source's bound.
 */
export async function measureAws(
  resources: number,
  options: BenchOptions,
  model: PortModel,
  progress: (line: string) => void,
): Promise<AwsResult[]> {
  const sandbox = await SandboxProcess.start({ latencyMs: options.latencyMs, rateLimit: options.rateLimit });
  const fake = new AwsFake();
  const accounts = [OWN, ...ROLE_ACCOUNTS];
  const partitions = accounts.flatMap((account) => REGIONS.map((region) => `${account}:${region}`));
  const estate = new Map(partitions.map((p, i) => [p, partitionEstate(p, i, partitions.length, resources)]));
  let inFlight = 0;
  let mostInFlight = 0;
  const listing = new Set<string>();
  fake.on(async (call) => {
    await sleep(options.latencyMs);
    const account = accountOf(call);
    if (call.action !== 'GetResources') return answer(call, account, estate);
    const partition = `${account}:${call.region}`;
    // A partition is "in flight" from its first page to its last.
    if (call.params.PaginationToken === undefined) {
      listing.add(partition);
      inFlight = listing.size;
      mostInFlight = Math.max(mostInFlight, inFlight);
    }
    const reply = answer(call, account, estate);
    if (reply && 'json' in reply && (reply.json as { PaginationToken: string }).PaginationToken === '') listing.delete(partition);
    return reply;
  });
  await fake.start();
  try {
    const env = {
      SOURCES: 'aws',
      AWS_REGIONS: REGIONS.join(','),
      AWS_ACCOUNT_ROLE_ARNS: ROLE_ACCOUNTS.map((a) => `arn:aws:iam::${a}:role/port-sync-reader`).join(','),
    };
    const { session } = sourceSession(sandbox.url, 'bench-aws', env, options, model, {
      aws: { endpoint: fake.url, credentials: WORKER_KEY },
    });
    const floor = [...estate.values()].reduce((n, list) => n + Math.max(1, Math.ceil(list.length / TAGGING_PAGE)), 0);
    const longest = Math.max(...[...estate.values()].map((list) => Math.max(1, Math.ceil(list.length / TAGGING_PAGE))));
    const collectFloorMs = Math.ceil(partitions.length / PARTITION_CONCURRENCY) * longest * options.latencyMs;
    const results: AwsResult[] = [];
    for (const scenario of ['first run', 'no change'] as const) {
      fake.calls.length = 0;
      mostInFlight = 0;
      const started = performance.now();
      const { report } = await session.run();
      const wallMs = performance.now() - started;
      const pages = fake.of('GetResources').length;
      const stats = report.sources.aws?.stats ?? {};
      const problems = [
        ...(report.status === 'success'
          ? []
          : [`status ${report.status}: ${report.findings[0]?.message ?? report.failures[0]?.message ?? ''}`]),
        ...(stats.resources === resources ? [] : [`listed ${stats.resources} resources, expected ${resources}`]),
        ...(fake.unexpected.length === 0
          ? []
          : [`${fake.unexpected.length} calls the fake did not expect, first ${fake.unexpected[0]?.action}`]),
      ];
      results.push({
        partitions: partitions.length,
        resources,
        scenario,
        pages,
        floor,
        inFlight: mostInFlight,
        awsCalls: fake.calls.length,
        collectFloorMs,
        wallMs,
        problems,
      });
      progress(
        `aws ${resources} over ${partitions.length} partitions, ${scenario}: ${pages} Tagging pages in ${(wallMs / 1000).toFixed(1)} s`,
      );
    }
    return results;
  } finally {
    await Promise.all([fake.close(), sandbox.close()]);
  }
}

/** The worker's own key, or the key an assumed role was given (it names its account). */
function accountOf(call: AwsCall): string {
  return call.accessKeyId.startsWith('ASIA') ? call.accessKeyId.slice(4, 16) : OWN;
}

function answer(call: AwsCall, account: string, estate: ReadonlyMap<string, string[]>): AwsReply | undefined {
  switch (call.action) {
    case 'GetCallerIdentity':
      return callerIdentityReply(OWN);
    case 'AssumeRole':
      return assumeRoleReply({
        accessKeyId: `ASIA${String(call.params.RoleArn).split(':')[4]}`,
        expiration: new Date(Date.now() + 3_600_000),
      });
    case 'GetResources': {
      const all = estate.get(`${account}:${call.region}`) ?? [];
      const start = Number(call.params.PaginationToken ?? 0);
      const next = start + TAGGING_PAGE < all.length ? String(start + TAGGING_PAGE) : '';
      return {
        json: {
          PaginationToken: next,
          ResourceTagMappingList: all.slice(start, start + TAGGING_PAGE).map((arn, i) => ({
            ResourceARN: arn,
            Tags: [
              { Key: 'service', Value: `svc-${(start + i) % 200}` },
              { Key: 'team', Value: `team-${(start + i) % 12}` },
              { Key: 'environment', Value: 'prod' },
              { Key: 'cost-center', Value: 'cc-1' },
            ],
          })),
        },
      };
    }
    case 'ListClusters':
      return { json: { clusters: [] } };
    default:
      // Recorded as unexpected by the fake, and a problem of the scenario.
      return undefined;
  }
}

/** Partition `index`'s share of the resources: SQS queues, their ARNs in its account and region. */
function partitionEstate(partition: string, index: number, partitions: number, total: number): string[] {
  const [account, region] = partition.split(':');
  const arns: string[] = [];
  for (let i = index; i < total; i += partitions) arns.push(`arn:aws:sqs:${region}:${account}:queue-${i}`);
  return arns;
}

export function formatAwsTable(results: readonly AwsResult[]): string {
  return formatRows(
    ['partitions', 'resources', 'scenario', 'Tagging pages', 'floor', 'partitions at once', 'AWS calls', 'collect floor s', 'wall s'],
    results.map((r) => [
      String(r.partitions),
      String(r.resources),
      r.scenario,
      String(r.pages),
      String(r.floor),
      String(r.inFlight),
      String(r.awsCalls),
      (r.collectFloorMs / 1000).toFixed(1),
      (r.wallMs / 1000).toFixed(1),
    ]),
    [2],
  );
}
