import {
  GetCostAndUsageCommand,
  ListCostAllocationTagsCommand,
  type CostExplorerClient,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { describeAwsError } from '../../aws/index.js';
import { SourceError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Finding } from '../../domain/index.js';
import type { CostPeriod } from './periods.js';
import type { CostMetric } from './settings.js';

/**
 * Requests AWS bills at $0.01 each. The pricing page charges every Cost Explorer API request and
 * names no free action, so ListCostAllocationTags (a Cost Explorer action on the same endpoint)
 * counts too. Only answered requests are counted; whether AWS bills a rejected one (denied,
 * throttled) is not documented.
 */
export interface CostMeter {
  paidRequests: number;
  /** GetCostAndUsage pages read. */
  pages: number;
}

export interface CostQuery {
  timePeriod: CostPeriod['timePeriod'];
  metric: CostMetric;
  /** TAG_SERVICE: spend is grouped by its value. */
  tagKey: string;
  /** The scope this query lists, named in its errors. */
  scope: string;
}

/** Caps one run's spend at $10 should the tokens never run out (a repeated token is caught sooner). */
const MAX_PAGES = 1000;

/**
 * Every page of one GetCostAndUsage query, each read exactly once. The SDK has no paginator for
 * it, and a failed page is never worked around by reading again from the start: the error ends
 * the query (and so fails the cost scope), since each page is paid for.
 */
export async function fetchCostAndUsage(
  client: CostExplorerClient,
  query: CostQuery,
  meter: CostMeter,
  signal?: AbortSignal,
): Promise<ResultByTime[]> {
  const results: ResultByTime[] = [];
  const seenTokens = new Set<string>();
  let token: string | undefined;
  do {
    if (meter.pages >= MAX_PAGES) throw new SourceError('cost', query.scope, `GetCostAndUsage stopped after ${MAX_PAGES} pages`);
    const page = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: query.timePeriod,
        Granularity: 'MONTHLY',
        Metrics: [query.metric],
        GroupBy: [{ Type: 'TAG', Key: query.tagKey }],
        ...(token ? { NextPageToken: token } : {}),
      }),
      { abortSignal: signal },
    );
    meter.pages += 1;
    meter.paidRequests += 1;
    results.push(...(page.ResultsByTime ?? []));
    // The real API ends with no token; an empty one ends it too.
    token = page.NextPageToken || undefined;
    if (token !== undefined && seenTokens.has(token)) {
      throw new SourceError('cost', query.scope, 'GetCostAndUsage returned a page token it had already returned');
    }
    if (token !== undefined) seenTokens.add(token);
  } while (token !== undefined);
  return results;
}

export interface TagCheck {
  tagKey: string;
  scope: string;
  logger: Logger;
  meter: CostMeter;
  signal?: AbortSignal;
}

/**
 * Warns when TAG_SERVICE is not an active cost allocation tag: Cost Explorer then groups no
 * spend by it and everything looks unallocated. The check only informs, so its own failure
 * (AccessDenied, ...) is a finding too, never a failure of the scope.
 */
export async function checkCostAllocationTag(client: CostExplorerClient, check: TagCheck): Promise<Finding[]> {
  const subject = `cost allocation tag ${check.tagKey}`;
  let status: string | undefined;
  try {
    const answer = await client.send(new ListCostAllocationTagsCommand({ TagKeys: [check.tagKey] }), { abortSignal: check.signal });
    check.meter.paidRequests += 1;
    status = answer.CostAllocationTags?.find((t) => t.TagKey === check.tagKey)?.Status;
  } catch (error) {
    // An aborted run has nothing to say about the tag; the query after it fails the scope.
    if (check.signal?.aborted) return [];
    const reason = describeAwsError(error);
    check.logger.warn({ err: error, tagKey: check.tagKey }, 'Could not check the cost allocation tag');
    const message = `could not check whether the service tag is an active cost allocation tag (${reason}); grant ce:ListCostAllocationTags to see this check`;
    return [{ source: 'cost', scope: check.scope, subject, message }];
  }
  if (status === 'Active') return [];
  check.logger.warn({ tagKey: check.tagKey, status: status ?? 'not found' }, 'Service tag is not an active cost allocation tag');
  const state = status ? `is ${status}` : 'is not listed';
  const message =
    `the service tag "${check.tagKey}" ${state} among the cost allocation tags, so Cost Explorer groups no spend by it ` +
    'and all spend would look unallocated. Activate it in the management account: Billing and Cost Management console > ' +
    `Cost allocation tags, or \`aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=${check.tagKey},Status=Active\`. ` +
    'It applies to spend from then on (allow up to 24 hours); a key is listed only once tagged resources have incurred cost.';
  return [{ source: 'cost', scope: check.scope, subject, message }];
}
