import pLimit from 'p-limit';
import { accountAccess, createAwsClients, discoverAccounts, type AccountTarget } from '../../aws/index.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { EntityFragment, Finding, ScopeResult, Source, SourceContext, SourceResult } from '../../domain/index.js';
import { sourceLogger } from '../log.js';
import type { SourceDeps, SourceModule } from '../types.js';
import { AWS_OWNS, mapAccount, mapCluster, mapResource } from './map.js';
import { globalRegionOf, planPartitions } from './partitions.js';
import { settlePartitions, type SettledPartition } from './regions.js';
import { scanPartition, type PartitionOutcome } from './scan.js';
import { AWS_SOURCE_SETTINGS, type AwsSourceSettings } from './settings.js';
import { partitionScope } from './types.js';

export { AWS_OWNS } from './map.js';
export type { AwsSourceSettings } from './settings.js';

/**
 * Partitions listed at once. The Tagging API allows a few requests per second per account and
 * region; four parallel listings keep a large estate quick without tripping throttling across
 * accounts that share nothing, and bound sockets and memory.
 */
export const PARTITION_CONCURRENCY = 4;

export interface AwsSourceDeps extends SourceDeps {
  concurrency?: number;
}

/** The aws source: accounts, tagged resources and EKS clusters, one scope per account x region. */
export function createAwsSource(settings: AwsSourceSettings, deps: AwsSourceDeps): Source {
  if (settings.access.regions.length === 0) throw new ConfigError(['AWS_REGIONS: the aws source needs at least one region']);
  return {
    id: 'aws',
    owns: AWS_OWNS,
    collect: (context) => collectAws(settings, deps, context),
  };
}

export const awsSource: SourceModule<AwsSourceSettings> = {
  id: 'aws',
  owns: AWS_OWNS,
  settings: AWS_SOURCE_SETTINGS,
  create: createAwsSource,
};

async function collectAws(settings: AwsSourceSettings, deps: AwsSourceDeps, context: SourceContext): Promise<SourceResult> {
  const log = sourceLogger(context, 'aws');
  const { signal } = context;
  const { access } = settings;
  const clients = createAwsClients(deps.aws);
  // STS and Organizations are asked once, in the first configured region.
  const home = access.regions[0]!;
  const sts = clients.sts(home);
  const limit = pLimit(deps.concurrency ?? PARTITION_CONCURRENCY);
  try {
    const discovered = await discoverAccounts({ access, clients, sts, region: home, log, signal, source: 'aws' });
    const { accounts } = discovered;
    const session = { sts, externalId: access.externalId, sessionName: access.sessionName, signal };
    const credentials = await Promise.all(accounts.map((account) => limit(() => accountAccess(account, session, log))));
    const plans = planPartitions(accounts, access.regions, settings.resourceTypes, globalRegionOf(discovered.caller.partition));
    log.info({ accounts: accounts.map((a) => a.accountId), regions: access.regions, partitions: plans.length }, 'AWS accounts to scan');
    const query = { tagFilters: settings.tagFilters };
    const outcomes = await Promise.all(
      plans.map((plan): Promise<PartitionOutcome> => {
        const got = credentials[accounts.indexOf(plan.account)]!;
        if ('error' in got) return Promise.resolve({ plan, status: 'failed', error: got.error });
        return limit(() => scanPartition(plan, { clients, credentials: got.credentials, query, log, signal }));
      }),
    );
    const settled = settlePartitions(outcomes);
    logScanned(settled, log);
    return result(settings, accounts, settled, discovered.scopes, clients.calls());
  } finally {
    sts.destroy();
  }
}

function result(
  settings: AwsSourceSettings,
  accounts: readonly AccountTarget[],
  settled: readonly SettledPartition[],
  organizationScopes: readonly ScopeResult[],
  apiCalls: number,
): SourceResult {
  const mapSettings = { tags: settings.tags };
  const fragments: EntityFragment[] = [];
  const findings: Finding[] = [];
  let resources = 0;
  let clusters = 0;
  for (const { outcome, finding } of settled) {
    if (finding) findings.push(finding);
    if (outcome.status !== 'complete') continue;
    resources += outcome.resources.length;
    clusters += outcome.clusters.length;
    for (const mapped of [
      ...outcome.resources.map((r) => mapResource(r, mapSettings)),
      ...outcome.clusters.map((c) => mapCluster(c, mapSettings)),
    ]) {
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
    if (outcome.status === 'not-enabled')
      log.warn({ scope: partitionScope(outcome.plan), error: outcome.error }, 'AWS region not enabled; skipped');
  }
  log.info({ matrix }, 'AWS accounts and regions scanned');
}
