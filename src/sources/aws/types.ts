import type { Config } from '../../config.js';
import type { EntityFragment, Finding } from '../../domain/index.js';

/** One AWS account this run scans, and how its credentials are had. */
export interface AccountTarget {
  accountId: string;
  /** Organizations' name for the account, when known. */
  name?: string;
  /** Role assumed to read it; undefined for the worker's own account (its own credentials). */
  roleArn?: string;
}

/** One account x region listing: the unit whose completion decides deletions (`aws:<account>:<region>`). */
export interface Partition {
  accountId: string;
  region: string;
}

export function partitionScope(p: Partition): string {
  return `aws:${p.accountId}:${p.region}`;
}

/** A resource as the Tagging API listed it, with the partition whose listing returned it. */
export interface RawTaggedResource {
  arn: string;
  tags: { Key?: string; Value?: string }[];
  /** The listing's account and region: they stand in where the ARN has none (S3, ...). */
  accountId: string;
  region: string;
}

/** What EKS DescribeCluster returned, reduced to what the catalog keeps. */
export interface RawCluster {
  name: string;
  arn: string;
  version?: string;
  platformVersion?: string;
  status?: string;
  endpoint?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  authenticationMode?: string;
  tags: Record<string, string>;
  accountId: string;
  region: string;
}

/** Settings the pure mapping needs. */
export interface AwsMapSettings {
  tags: Config['tags'];
}

export interface Mapped {
  fragment?: EntityFragment;
  findings: Finding[];
}
