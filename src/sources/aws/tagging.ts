import {
  paginateGetResources,
  type ResourceGroupsTaggingAPIClient,
  type TagFilter as AwsTagFilter,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { TagFilter } from '../../config/types.js';
import type { Logger } from '../../logger.js';
import { partitionScope, type Partition, type RawTaggedResource } from './types.js';

/** GetResources' largest page: fewer calls per listing. */
export const RESOURCES_PER_PAGE = 100;
/** GetResources accepts at most this many ResourceTypeFilters per request. */
export const MAX_TYPE_FILTERS = 100;

export interface TaggingQuery {
  /** null: no type filter. */
  resourceTypes: readonly string[] | null;
  tagFilters: readonly TagFilter[];
}

/** Type filters in request-sized chunks; [undefined] when there is no filter at all. */
export function typeChunks(resourceTypes: readonly string[] | null): (string[] | undefined)[] {
  if (resourceTypes === null) return [undefined];
  const unique = [...new Set(resourceTypes)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += MAX_TYPE_FILTERS) chunks.push(unique.slice(i, i + MAX_TYPE_FILTERS));
  return chunks;
}

/** A key alone means "present, any value": the API wants Values left out then. */
export function awsTagFilters(filters: readonly TagFilter[]): AwsTagFilter[] {
  return filters.map((f) => (f.values.length > 0 ? { Key: f.key, Values: [...f.values] } : { Key: f.key }));
}

/**
 * Every tagged resource one partition's Tagging API returns for the query, each ARN once (two
 * chunks may both match a resource when one names a service and the other its type).
 */
export async function listTaggedResources(
  client: ResourceGroupsTaggingAPIClient,
  partition: Partition,
  query: TaggingQuery,
  log: Logger,
  signal?: AbortSignal,
): Promise<RawTaggedResource[]> {
  const byArn = new Map<string, RawTaggedResource>();
  for (const types of typeChunks(query.resourceTypes)) {
    const listing: Listing = { client, partition, types, tagFilters: query.tagFilters, signal };
    for (const resource of await listRestartingOnce(listing, log)) byArn.set(resource.arn, resource);
  }
  return [...byArn.values()];
}

/**
 * A pagination token lives 15 minutes; a listing that outlives it (throttled, huge) starts over
 * once from the first page, dropping what it read, so no page is missed or doubled. A second
 * expiry fails the partition.
 */
async function listRestartingOnce(listing: Listing, log: Logger): Promise<RawTaggedResource[]> {
  try {
    return await listOnce(listing);
  } catch (error) {
    if ((error as Error).name !== 'PaginationTokenExpiredException') throw error;
    log.warn({ err: error, scope: partitionScope(listing.partition) }, 'Tagging API pagination token expired; listing the partition again');
    return listOnce(listing);
  }
}

/** One listing of one chunk of type filters. */
interface Listing {
  client: ResourceGroupsTaggingAPIClient;
  partition: Partition;
  types: string[] | undefined;
  tagFilters: readonly TagFilter[];
  signal?: AbortSignal;
}

async function listOnce({ client, partition, types, tagFilters, signal }: Listing): Promise<RawTaggedResource[]> {
  const input = {
    ...(types === undefined ? {} : { ResourceTypeFilters: types }),
    ...(tagFilters.length === 0 ? {} : { TagFilters: awsTagFilters(tagFilters) }),
  };
  const resources: RawTaggedResource[] = [];
  // Paginators hand their extra arguments to `send`, so every page carries the signal.
  for await (const page of paginateGetResources({ client, pageSize: RESOURCES_PER_PAGE }, input, { abortSignal: signal })) {
    for (const mapping of page.ResourceTagMappingList ?? []) {
      if (!mapping.ResourceARN) continue;
      resources.push({ arn: mapping.ResourceARN, tags: mapping.Tags ?? [], accountId: partition.accountId, region: partition.region });
    }
  }
  return resources;
}
