import { CostExplorerClient, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';
import { STSClient } from '@aws-sdk/client-sts';
import type { Config } from '../../config.js';
import { assumeRoleCredentials, roleSessionName } from '../aws/credentials.js';

/** Cost Explorer has one endpoint for the whole aws partition, in us-east-1. */
export const COST_EXPLORER_REGION = 'us-east-1';

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
  // The same AssumeRole provider as the aws source: cached, refreshed before expiry, one call at a time.
  const credentials = assumeRoleCredentials({
    sts,
    roleArn,
    externalId: config.aws.externalId,
    sessionName: roleSessionName(config.syncInstance),
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

/** Settings a caller leaves out are not passed at all, so the SDK resolves them from its environment. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
