/**
 * Shared AWS access for every AWS-using source: the accounts to read (STS, roles, Organizations),
 * assumed-role credentials refreshed before they expire, clients that honour the SDK's standard
 * environment, EKS clusters, and what an opt-in region answers. Sources never build clients of their
 * own outside this seam.
 */
export {
  ORGANIZATION_SCOPE,
  accountOfRole,
  callerIdentity,
  discoverAccounts,
  listOrganizationAccounts,
  selectAccounts,
  type AccountSelection,
  type AccountTarget,
  type Caller,
  type DiscoveredAccounts,
  type Discovery,
  type OrganizationAccount,
} from './accounts.js';
export {
  createAwsClients,
  ownCredentials,
  type AwsClientClass,
  type AwsClientConfig,
  type AwsClientOptions,
  type AwsClients,
  type AwsCredentialsInput,
  type SdkClient,
} from './clients.js';
export {
  REFRESH_MARGIN_MS,
  accountAccess,
  assumeRoleCredentials,
  roleSessionName,
  type AccountAccess,
  type AssumeRoleSettings,
  type AwsCredentials,
  type CredentialProvider,
  type RoleSession,
} from './credentials.js';
export { listClusters, type AccountRegion, type EksCluster } from './eks.js';
export { describeAwsError, isAbort } from './errors.js';
export { looksRegionNotEnabled } from './regions.js';
export { AWS_ACCESS_SETTINGS, type AwsAccessSettings } from './settings.js';
