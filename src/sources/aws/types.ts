import type { AccountRegion, EksCluster } from '../../aws/index.js';
import { formatScope, type EntityFragment, type Finding } from '../../domain/index.js';
import type { AwsSourceSettings } from './settings.js';

export type { AccountTarget } from '../../aws/index.js';

/** One account x region listing: the unit whose completion decides deletions (`aws:<account>:<region>`). */
export type Partition = AccountRegion;

export function partitionScope(p: Partition): string {
  return formatScope({ kind: 'aws', accountId: p.accountId, region: p.region });
}

/** A resource as the Tagging API listed it, with the partition whose listing returned it. */
export interface RawTaggedResource {
  arn: string;
  tags: { Key?: string; Value?: string }[];
  /** The listing's account and region: they stand in where the ARN has none (S3, ...). */
  accountId: string;
  region: string;
}

/** What EKS DescribeCluster returned, reduced to what is kept (src/aws lists clusters for every source). */
export type RawCluster = EksCluster;

/** Settings the pure mapping needs. */
export interface AwsMapSettings {
  tags: AwsSourceSettings['tags'];
}

export interface Mapped {
  fragment?: EntityFragment;
  findings: Finding[];
}
