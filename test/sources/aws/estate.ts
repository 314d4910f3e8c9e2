import { assumeRoleReply, callerIdentityReply, type AwsCall, type AwsHandler, type AwsReply } from '../../support/aws-fake.js';
import { STATIC_CREDENTIALS } from './support.js';

export const OWN = '111122223333';

/** Access keys the fake hands out: an assumed role's key names its account, so requests show it. */
export const roleKey = (accountId: string): string => `ASIA${accountId}`;

export interface FakeEstate {
  /** `<account>:<region>` -> the resources the Tagging API returns there, in order. */
  resources?: Record<string, { arn: string; tags?: Record<string, string> }[]>;
  /** `<account>:<region>` -> cluster names; each described from its name. */
  clusters?: Record<string, string[]>;
  /** Answers that replace the estate's for matching calls (errors, odd pages). */
  override?: (call: AwsCall, account: string) => AwsReply | undefined;
  /** Tagging API page size the fake uses (the real API decides its own pages). */
  pageSize?: number;
}

/** The account a call was signed for: the worker's own key, or a role key the fake issued. */
export function accountOf(call: AwsCall): string {
  if (call.accessKeyId === STATIC_CREDENTIALS.accessKeyId) return OWN;
  return call.accessKeyId.startsWith('ASIA') ? call.accessKeyId.slice(4, 16) : `unknown key ${call.accessKeyId}`;
}

/**
 * A consistent little AWS: GetCallerIdentity, AssumeRole (into any account, one hour), paged
 * GetResources and EKS ListClusters/DescribeCluster from the estate. Anything else is unexpected.
 */
export function estateHandler(estate: FakeEstate): AwsHandler {
  return (call) => {
    const account = accountOf(call);
    const overridden = estate.override?.(call, account);
    if (overridden) return overridden;
    const key = `${account}:${call.region}`;
    switch (call.action) {
      case 'GetCallerIdentity':
        return callerIdentityReply(OWN);
      case 'AssumeRole': {
        const target = String(call.params.RoleArn).split(':')[4]!;
        return assumeRoleReply({ accessKeyId: roleKey(target), expiration: new Date(Date.now() + 3_600_000) });
      }
      case 'GetResources':
        return tagPage(estate.resources?.[key] ?? [], call, estate.pageSize ?? 2);
      case 'ListClusters':
        return { json: { clusters: estate.clusters?.[key] ?? [] } };
      case 'DescribeCluster': {
        const name = String(call.params.name);
        if (!(estate.clusters?.[key] ?? []).includes(name))
          return { error: 'ResourceNotFoundException', status: 404, message: `No cluster found for name: ${name}.` };
        return { json: { cluster: describedCluster(name, account, call.region) } };
      }
      default:
        return undefined;
    }
  };
}

function tagPage(all: { arn: string; tags?: Record<string, string> }[], call: AwsCall, pageSize: number): AwsReply {
  const start = Number(call.params.PaginationToken ?? 0);
  const page = all.slice(start, start + pageSize);
  const next = start + pageSize < all.length ? String(start + pageSize) : '';
  return {
    json: {
      PaginationToken: next,
      ResourceTagMappingList: page.map((r) => ({
        ResourceARN: r.arn,
        Tags: Object.entries(r.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      })),
    },
  };
}

export function describedCluster(name: string, account: string, region: string): Record<string, unknown> {
  return {
    name,
    arn: `arn:aws:eks:${region}:${account}:cluster/${name}`,
    createdAt: 1_700_000_000.123,
    version: '1.31',
    platformVersion: 'eks.12',
    status: 'ACTIVE',
    endpoint: `https://${name}.eks.example`,
    resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true },
    accessConfig: { authenticationMode: 'API' },
    tags: { environment: 'prod' },
  };
}
