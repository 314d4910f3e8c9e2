import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { assumeRoleCredentials, createAwsClients, type AwsClientOptions } from '../../aws/index.js';
import type { CostSettings } from './settings.js';

/** Cost Explorer has one endpoint for the whole aws partition, in us-east-1. */
export const COST_EXPLORER_REGION = 'us-east-1';

export interface CostClients {
  costExplorer: CostExplorerClient;
  /** Closes the sockets of every client made for this run. */
  destroy(): void;
}

/**
 * A Cost Explorer client with AWS_COST_ROLE_ARN assumed when set (the payer account sees the
 * whole organization's cost), else with the worker's own credentials. Left without a seam, the
 * SDK's standard environment applies (AWS_ENDPOINT_URL_COST_EXPLORER, AWS_ENDPOINT_URL_STS, ...).
 */
export function createCostClients(settings: CostSettings, options: AwsClientOptions = {}, signal?: AbortSignal): CostClients {
  const clients = createAwsClients(options);
  const { roleArn } = settings;
  if (!roleArn) {
    const costExplorer = clients.client(CostExplorerClient, COST_EXPLORER_REGION);
    return { costExplorer, destroy: () => costExplorer.destroy() };
  }
  // STS in Cost Explorer's region: its regional endpoint is enabled in every account.
  const sts = clients.sts(COST_EXPLORER_REGION);
  // The shared AssumeRole provider: cached, refreshed before expiry, one call at a time.
  const credentials = assumeRoleCredentials({ sts, roleArn, externalId: settings.externalId, sessionName: settings.sessionName, signal });
  const costExplorer = clients.client(CostExplorerClient, COST_EXPLORER_REGION, credentials);
  return {
    costExplorer,
    destroy: () => {
      costExplorer.destroy();
      sts.destroy();
    },
  };
}
