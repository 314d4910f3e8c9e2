import { EKSClient } from '@aws-sdk/client-eks';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';

/** Static credentials or a provider, as every SDK v3 client accepts them. */
export type AwsCredentialsInput = NonNullable<STSClientConfig['credentials']>;

/**
 * The seam tests (and only tests, or an unusual deployment) use. Everything left unset comes from
 * the SDK's standard environment: the default credential chain (env, web identity / IRSA, container,
 * instance metadata, profiles), AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>, AWS_MAX_ATTEMPTS and
 * AWS_RETRY_MODE. Setting a value here would override that environment, so nothing is defaulted.
 */
export interface AwsClientOptions {
  endpoint?: string;
  /** The worker's own credentials; unset: the SDK's default credential chain. */
  credentials?: AwsCredentialsInput;
  retryStrategy?: STSClientConfig['retryStrategy'];
}

/** Builds clients for one run and counts every operation they send (retries are the SDK's business). */
export interface AwsClients {
  tagging(region: string, credentials: AwsCredentialsInput): ResourceGroupsTaggingAPIClient;
  eks(region: string, credentials: AwsCredentialsInput): EKSClient;
  /** With the worker's own credentials: GetCallerIdentity and AssumeRole. */
  sts(region: string): STSClient;
  organizations(region: string): OrganizationsClient;
  /** Operations sent so far, each counted once whatever its retries. */
  calls(): number;
}

/**
 * The worker's own credentials, resolved once through `sts`: its memoized provider (the default
 * chain unless a test set credentials) then serves every regional client, so IRSA's web identity
 * exchange or an instance metadata call happens once per run, not once per client.
 */
export function ownCredentials(sts: STSClient): AwsCredentialsInput {
  return sts.config.credentials;
}

export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  let calls = 0;
  const config = (region: string, credentials = options.credentials) => ({
    region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(options.retryStrategy === undefined ? {} : { retryStrategy: options.retryStrategy }),
  });
  // `initialize` runs once per operation, before retries, so the count is operations sent.
  const counter = <A, R>(next: (args: A) => Promise<R>) => (args: A) => ((calls += 1), next(args));
  const counting = { step: 'initialize', name: 'portSyncCallCounter' } as const;
  const counted = <C extends { middlewareStack: { add(m: typeof counter, o: typeof counting): void } }>(client: C): C => {
    client.middlewareStack.add(counter, counting);
    return client;
  };
  return {
    tagging: (region, credentials) => counted(new ResourceGroupsTaggingAPIClient(config(region, credentials))),
    eks: (region, credentials) => counted(new EKSClient(config(region, credentials))),
    sts: (region) => counted(new STSClient(config(region))),
    organizations: (region) => counted(new OrganizationsClient(config(region))),
    calls: () => calls,
  };
}
