import { describeAwsError } from '../../aws/index.js';
import type { BlueprintOwnership, Source, SourceContext, SourceResult } from '../../domain/index.js';
import { sourceLogger } from '../log.js';
import type { SourceDeps, SourceModule } from '../types.js';
import { createCostClients } from './client.js';
import { checkCostAllocationTag, fetchCostAndUsage, type CostMeter } from './fetch.js';
import { mapCost } from './map.js';
import { costPeriod, costScope } from './periods.js';
import { COST_SETTINGS, type CostSettings } from './settings.js';

export type { CostSettings } from './settings.js';

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

/** USD per Cost Explorer request, for the log line that says what a run cost. */
const USD_PER_REQUEST = 0.01;

export function createCostSource(settings: CostSettings, deps: SourceDeps): Source {
  return {
    id: 'cost',
    owns: COST_OWNS,
    collect: (context) => collectCost(settings, deps, context),
  };
}

export const costSource: SourceModule<CostSettings> = {
  id: 'cost',
  owns: COST_OWNS,
  settings: COST_SETTINGS,
  create: createCostSource,
};

/**
 * One query over COST_HISTORY_MONTHS months, as one scope: it completes when every page was read,
 * and a failure anywhere (an aborted run included) leaves it incomplete with no fragments, so
 * nothing of it is rewritten or deleted on partial knowledge.
 */
async function collectCost(settings: CostSettings, deps: SourceDeps, context: SourceContext): Promise<SourceResult> {
  const log = sourceLogger(context, 'cost');
  const { signal } = context;
  const period = costPeriod(context.now, settings.historyMonths);
  const scope = costScope(period);
  const meter: CostMeter = { paidRequests: 0, pages: 0 };
  const clients = createCostClients(settings, deps.aws, signal);
  const stats = () => ({ paidRequests: meter.paidRequests, pages: meter.pages });
  const tagKey = settings.serviceTag;
  try {
    const findings = await checkCostAllocationTag(clients.costExplorer, { tagKey, scope, logger: log, meter, signal });
    try {
      const query = { timePeriod: period.timePeriod, metric: settings.metric, tagKey, scope };
      const results = await fetchCostAndUsage(clients.costExplorer, query, meter, signal);
      const mapped = mapCost(results, { tagKey, metric: settings.metric, period, scope });
      return {
        fragments: mapped.fragments,
        scopes: [{ scope, complete: true }],
        findings: [...findings, ...mapped.findings],
        stats: stats(),
      };
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
