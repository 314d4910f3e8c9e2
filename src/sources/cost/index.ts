import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { BlueprintOwnership, Source, SourceContext, SourceResult } from '../../domain/index.js';
import { createCostClients, type CostClientOptions } from './client.js';
import { checkCostAllocationTag, describeAwsError, fetchCostAndUsage, type CostMeter } from './fetch.js';
import { mapCost } from './map.js';
import { costPeriod, costScope } from './periods.js';

/**
 * Cost defines a cloudCost entity per service (and unallocated spend) per month, and owns the
 * cost fields of services. `team` of a cloudCost is filled by a join rule from its service.
 */
export const COST_OWNS = {
  cloudCost: {
    mode: 'define',
    title: true,
    properties: ['month', 'isCurrentMonth', 'amount', 'currency', 'metric', 'isComplete'],
    relations: ['service', 'team'],
  },
  service: { mode: 'enrich', properties: ['costMonthToDate', 'costLastMonth', 'costChangePct', 'currency'], relations: [] },
} as const satisfies Readonly<Record<string, BlueprintOwnership>>;

export interface CostSourceDeps {
  logger: Logger;
  /** Tests point the clients at a local server; production leaves the SDK's environment in charge. */
  clientOptions?: CostClientOptions;
  /** Overrides the run's clock (tests); otherwise the run's `now`. */
  now?: () => Date;
}

/** USD per Cost Explorer request, for the log line that says what a run cost. */
const USD_PER_REQUEST = 0.01;

export function createCostSource(config: Config, deps: CostSourceDeps): Source {
  return {
    id: 'cost',
    owns: COST_OWNS,
    collect: (context) => collectCost(config, deps, context),
  };
}

/**
 * One query over COST_HISTORY_MONTHS months, as one scope: it completes when every page was read,
 * and a failure anywhere leaves it incomplete with no fragments, so nothing of it is rewritten or
 * deleted on partial knowledge.
 */
async function collectCost(config: Config, deps: CostSourceDeps, context: SourceContext): Promise<SourceResult> {
  const log = deps.logger;
  const period = costPeriod(deps.now?.() ?? context.now, config.cost.historyMonths);
  const scope = costScope(period);
  const meter: CostMeter = { paidRequests: 0, pages: 0 };
  const clients = createCostClients(config, deps.clientOptions);
  const stats = () => ({ paidRequests: meter.paidRequests, pages: meter.pages });
  try {
    const findings = await checkCostAllocationTag(clients.costExplorer, { tagKey: config.tags.service, scope, logger: log, meter });
    try {
      const query = { timePeriod: period.timePeriod, metric: config.cost.metric, tagKey: config.tags.service, scope };
      const results = await fetchCostAndUsage(clients.costExplorer, query, meter);
      const mapped = mapCost(results, { tagKey: config.tags.service, metric: config.cost.metric, period, scope });
      return { fragments: mapped.fragments, scopes: [{ scope, complete: true }], findings: [...findings, ...mapped.findings], stats: stats() };
    } catch (error) {
      log.error({ err: error, scope }, 'Cost query failed');
      return { fragments: [], scopes: [{ scope, complete: false, error: describeAwsError(error) }], findings, stats: stats() };
    }
  } finally {
    clients.destroy();
    const usd = Math.round(meter.paidRequests * USD_PER_REQUEST * 100) / 100;
    log.info({ scope, paidRequests: meter.paidRequests, pages: meter.pages, usd }, 'Cost Explorer requests made');
  }
}
