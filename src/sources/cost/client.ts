import { CostExplorerClient, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Config } from '../../config.js';

/** Cost Explorer has one endpoint for the whole aws partition, in us-east-1. */
export const COST_EXPLORER_REGION = 'us-east-1';

/** RoleSessionName's limits: 2 to 64 characters of `[\w+=,.@-]`. */
const SESSION_NAME_MAX = 64;
const SESSION_NAME_DISALLOWED = /[^\w+=,.@-]/g;

/**
 * A cost run takes seconds; the shortest session AssumeRole grants limits what a leaked token
 * could do, and the SDK asks for new credentials before these expire anyway.
 */
const SESSION_SECONDS = 900;

/**
 * What tests (and nothing else) override. Left out, the SDK's standard environment applies: the
 * default credential chain (IRSA / web identity, profiles, ...), AWS_ENDPOINT_URL_COST_EXPLORER
 * and AWS_ENDPOINT_URL_STS, AWS_MAX_ATTEMPTS and AWS_RETRY_MODE.
 */
export interface CostClientOptions {
  endpoint?: string;
  /** The credentials the worker runs with (the source credentials of AssumeRole, if a role is set). */
  credentials?: CostExplorerClientConfig['credentials'];
  retryStrategy?: CostExplorerClientConfig['retryStrategy'];
}

export interface CostClients {
  costExplorer: CostExplorerClient;
  /** Closes the sockets of every client made for this run. */
  destroy(): void;
}

/**
 * A Cost Explorer client with AWS_COST_ROLE_ARN assumed when set (the payer account sees the
 * whole organization's cost), else with the worker's own credentials.
 */
export function createCostClients(config: Config, options: CostClientOptions = {}): CostClients {
  const common = withoutUndefined({ region: COST_EXPLORER_REGION, endpoint: options.endpoint, retryStrategy: options.retryStrategy });
  const roleArn = config.aws.costRoleArn;
  if (!roleArn) {
    const costExplorer = new CostExplorerClient(withoutUndefined({ ...common, credentials: options.credentials }));
    return { costExplorer, destroy: () => costExplorer.destroy() };
  }
  // STS in Cost Explorer's region: its regional endpoint is enabled in every account.
  const sts = new STSClient(withoutUndefined({ ...common, credentials: options.credentials }));
  const credentials = assumedRoleCredentials(sts, {
    RoleArn: roleArn,
    RoleSessionName: roleSessionName(config.syncInstance),
    ...(config.aws.externalId ? { ExternalId: config.aws.externalId } : {}),
  });
  const costExplorer = new CostExplorerClient({ ...common, credentials });
  return {
    costExplorer,
    destroy: () => {
      costExplorer.destroy();
      sts.destroy();
    },
  };
}

/** `port-catalog-sync-<SYNC_INSTANCE>`, so CloudTrail shows which installation called. */
export function roleSessionName(syncInstance: string): string {
  return `port-catalog-sync-${syncInstance}`.replace(SESSION_NAME_DISALLOWED, '-').slice(0, SESSION_NAME_MAX);
}

interface RoleParams {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
}

/**
 * A credential provider over AssumeRole. The SDK memoizes a provider function and calls it again
 * shortly before `expiration`, so one run assumes the role once however many pages it reads.
 */
function assumedRoleCredentials(sts: STSClient, params: RoleParams): NonNullable<CostExplorerClientConfig['credentials']> {
  return async () => {
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ ...params, DurationSeconds: SESSION_SECONDS }));
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${params.RoleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
}

/** Settings a caller leaves out are not passed at all, so the SDK resolves them from its environment. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
