import pLimit from 'p-limit';
import type { Config } from '../../config.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { EntityFragment, Finding, ScopeResult, Source, SourceContext, SourceResult } from '../../domain/index.js';
import { discoverAccounts } from './accounts.js';
import { createAwsClients, type AwsClientOptions } from './clients.js';
import { accountAccess, roleSessionName } from './credentials.js';
import { AWS_OWNS, mapAccount, mapCluster, mapResource } from './map.js';
import { globalRegionOf, planPartitions } from './partitions.js';
import { settlePartitions, type SettledPartition } from './regions.js';
import { scanPartition, type PartitionOutcome } from './scan.js';
import { partitionScope, type AccountTarget } from './types.js';

export type { AwsClientOptions } from './clients.js';

/**
 * Partitions listed at once. The Tagging API allows a few requests per second per account and
 * region; four parallel listings keep a large estate quick without tripping throttling across
 * accounts that share nothing, and bound sockets and memory.
 */
export const PARTITION_CONCURRENCY = 4;

export interface AwsSourceDeps {
  logger: Logger;
  /** Test seam: endpoint, credentials, retry strategy. Unset: the SDK's standard environment. */
  clientOptions?: AwsClientOptions;
  concurrency?: number;
}

/** The aws source: accounts, tagged resources and EKS clusters, one scope per account x region. */
export function createAwsSource(config: Config, deps: AwsSourceDeps): Source {
  if (config.aws.regions.length === 0) throw new ConfigError(['AWS_REGIONS: the aws source needs at least one region']);
  return {
    id: 'aws',
    owns: AWS_OWNS,
    collect: (context) => collectAws(config, deps, context),
  };
}

async function collectAws(config: Config, deps: AwsSourceDeps, context: SourceContext): Promise<SourceResult> {
  const log = context.logger.child({ source: 'aws' });
  const clients = createAwsClients(deps.clientOptions);
  // STS and Organizations are asked once, in the first configured region.
  const home = config.aws.regions[0]!;
  const sts = clients.sts(home);
  const limit = pLimit(deps.concurrency ?? PARTITION_CONCURRENCY);
  try {
    const discovered = await discoverAccounts(config.aws, clients, sts, home, log);
    const { accounts } = discovered;
    const session = { sts, externalId: config.aws.externalId, sessionName: roleSessionName(config.syncInstance) };
    const access = await Promise.all(accounts.map((account) => limit(() => accountAccess(account, session, log))));
    const plans = planPartitions(accounts, config.aws.regions, config.aws.resourceTypes, globalRegionOf(discovered.caller.partition));
    log.info({ accounts: accounts.map((a) => a.accountId), regions: config.aws.regions, partitions: plans.length }, 'AWS accounts to scan');
    const query = { tagFilters: config.aws.tagFilters };
    const outcomes = await Promise.all(
      plans.map((plan): Promise<PartitionOutcome> => {
        const credentials = access[accounts.indexOf(plan.account)]!;
        if ('error' in credentials) return Promise.resolve({ plan, status: 'failed', error: credentials.error });
        return limit(() => scanPartition(plan, { clients, credentials: credentials.credentials, query, log }));
      }),
    );
    const settled = settlePartitions(outcomes);
    logScanned(settled, log);
    return result(config, accounts, settled, discovered.scopes, clients.calls());
  } finally {
    sts.destroy();
  }
}

function result(
  config: Config,
  accounts: readonly AccountTarget[],
  settled: readonly SettledPartition[],
  organizationScopes: readonly ScopeResult[],
  apiCalls: number,
): SourceResult {
  const settings = { tags: config.tags };
  const fragments: EntityFragment[] = [];
  const findings: Finding[] = [];
  let resources = 0;
  let clusters = 0;
  for (const { outcome, finding } of settled) {
    if (finding) findings.push(finding);
    if (outcome.status !== 'complete') continue;
    resources += outcome.resources.length;
    clusters += outcome.clusters.length;
    for (const mapped of [...outcome.resources.map((r) => mapResource(r, settings)), ...outcome.clusters.map((c) => mapCluster(c, settings))]) {
      if (mapped.fragment) fragments.push(mapped.fragment);
      findings.push(...mapped.findings);
    }
  }
  for (const account of accounts) {
    // The account belongs to a scope that completed when one did, so a failed first region does not hide it.
    const own = settled.filter((s) => s.outcome.plan.accountId === account.accountId);
    const first = own.find((s) => s.scope.complete) ?? own[0];
    if (first) fragments.push(mapAccount(account, first.scope.scope));
  }
  const count = (test: (s: SettledPartition) => boolean) => settled.filter(test).length;
  return {
    fragments,
    scopes: [...organizationScopes, ...settled.map((s) => s.scope)],
    findings,
    stats: {
      apiCalls,
      accounts: accounts.length,
      partitions: settled.length,
      partitionsFailed: count((s) => !s.scope.complete),
      regionsNotEnabled: count((s) => s.outcome.status === 'not-enabled'),
      resources,
      clusters,
    },
  };
}

/** The account x region matrix actually scanned, one info line: what an operator checks first. */
function logScanned(settled: readonly SettledPartition[], log: Logger): void {
  const matrix: Record<string, Record<string, string>> = {};
  for (const { outcome, scope } of settled) {
    const state = outcome.status === 'not-enabled' ? (scope.complete ? 'not enabled' : 'not enabled (unconfirmed)') : outcome.status;
    (matrix[outcome.plan.accountId] ??= {})[outcome.plan.region] = state;
    if (outcome.status === 'not-enabled') log.warn({ scope: partitionScope(outcome.plan), error: outcome.error }, 'AWS region not enabled; skipped');
  }
  log.info({ matrix }, 'AWS accounts and regions scanned');
}
