import { EKSClient } from '@aws-sdk/client-eks';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
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

/** What a client is built with: a region, and only what the seam or the caller sets. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialsInput;
  retryStrategy?: STSClientConfig['retryStrategy'];
}

type Next<A, R> = (args: A) => Promise<R>;
type Counter = <A, R>(next: Next<A, R>) => Next<A, R>;
const COUNTING = { step: 'initialize', name: 'portSyncCallCounter' } as const;

/** Any SDK v3 client: its middleware stack takes the counter, and it holds sockets until destroyed. */
export interface SdkClient {
  middlewareStack: { add(middleware: Counter, options: typeof COUNTING): void };
  destroy(): void;
}

/** An SDK v3 client class (ResourceGroupsTaggingAPIClient, CostExplorerClient, ...). */
export type AwsClientClass<C extends SdkClient> = new (config: AwsClientConfig) => C;

/** Builds clients for one run and counts every operation they send (retries are the SDK's business). */
export interface AwsClients {
  /** A client of any service; without credentials, the worker's own (the seam's or the default chain). */
  client<C extends SdkClient>(Client: AwsClientClass<C>, region: string, credentials?: AwsCredentialsInput): C;
  /** With the worker's own credentials: GetCallerIdentity and AssumeRole. */
  sts(region: string): STSClient;
  organizations(region: string): OrganizationsClient;
  eks(region: string, credentials: AwsCredentialsInput): EKSClient;
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
  const config = (region: string, credentials = options.credentials): AwsClientConfig => ({
    region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(options.retryStrategy === undefined ? {} : { retryStrategy: options.retryStrategy }),
  });
  // `initialize` runs once per operation, before retries, so the count is operations sent.
  const counter: Counter = (next) => (args) => ((calls += 1), next(args));
  const client = <C extends SdkClient>(Client: AwsClientClass<C>, region: string, credentials?: AwsCredentialsInput): C => {
    const made = new Client(config(region, credentials));
    made.middlewareStack.add(counter, COUNTING);
    return made;
  };
  return {
    client,
    sts: (region) => client(STSClient, region),
    organizations: (region) => client(OrganizationsClient, region),
    eks: (region, credentials) => client(EKSClient, region, credentials),
    calls: () => calls,
  };
}
