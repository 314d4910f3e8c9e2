import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { Logger } from '../logger.js';
import type { AccountTarget } from './accounts.js';
import { ownCredentials, type AwsCredentialsInput } from './clients.js';
import { describeAwsError } from './errors.js';

/** Temporary credentials as every SDK client takes them; `expiration` lets the SDK refresh too. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

/**
 * Refresh this long before Expiration: a listing of many pages must not start a call with
 * credentials that lapse mid-request. Five minutes is also the margin the SDK itself applies.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** AssumeRole's limit on RoleSessionName. */
const SESSION_NAME_MAX = 64;

/**
 * `port-catalog-sync-<instance>`: CloudTrail then shows which installation called. RoleSessionName
 * allows 2-64 characters of `[\w+=,.@-]`; anything else becomes `-`.
 */
export function roleSessionName(syncInstance: string): string {
  return `port-catalog-sync-${syncInstance}`.replace(/[^\w+=,.@-]/g, '-').slice(0, SESSION_NAME_MAX);
}

export interface AssumeRoleSettings {
  /** An STS client with the worker's own credentials. */
  sts: STSClient;
  roleArn: string;
  externalId?: string;
  sessionName: string;
  /** The run's signal: an aborted run makes no further AssumeRole call. */
  signal?: AbortSignal;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * A provider of the role's credentials, cached until REFRESH_MARGIN_MS before they expire. Calls
 * made while a refresh is under way share it, so concurrent partitions of one account make one
 * AssumeRole call. A failed call is not cached: the next use tries again.
 */
export function assumeRoleCredentials(settings: AssumeRoleSettings): CredentialProvider {
  const now = settings.now ?? Date.now;
  let cached: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  const fresh = (c: AwsCredentials | undefined): c is AwsCredentials =>
    c !== undefined && (c.expiration === undefined || c.expiration.getTime() - now() > REFRESH_MARGIN_MS);
  return async () => {
    if (fresh(cached)) return cached;
    pending ??= assumeRole(settings).finally(() => (pending = undefined));
    cached = await pending;
    return cached;
  };
}

async function assumeRole(settings: AssumeRoleSettings): Promise<AwsCredentials> {
  const { Credentials: c } = await settings.sts.send(
    new AssumeRoleCommand({
      RoleArn: settings.roleArn,
      RoleSessionName: settings.sessionName,
      ...(settings.externalId === undefined ? {} : { ExternalId: settings.externalId }),
    }),
    { abortSignal: settings.signal },
  );
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${settings.roleArn} returned no credentials`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

export type AccountAccess = { credentials: AwsCredentialsInput } | { error: string };

/** How roles are assumed in this run: with the worker's STS client, ExternalId, session name and signal. */
export type RoleSession = Pick<AssumeRoleSettings, 'sts' | 'externalId' | 'sessionName' | 'signal'>;

/**
 * An account's credentials: the worker's own, or its role's. A role is assumed once up front: a
 * refusal (AccessDenied, a role that no longer exists or no longer trusts the worker) is returned
 * as the reason every partition of that account fails, and touches no other account.
 */
export async function accountAccess(account: AccountTarget, session: RoleSession, log: Logger): Promise<AccountAccess> {
  if (account.roleArn === undefined) return { credentials: ownCredentials(session.sts) };
  const provider = assumeRoleCredentials({ ...session, roleArn: account.roleArn });
  try {
    await provider();
    return { credentials: provider };
  } catch (error) {
    log.warn({ err: error, accountId: account.accountId, roleArn: account.roleArn }, 'AssumeRole failed; the account is skipped');
    return { error: `AssumeRole ${account.roleArn} failed: ${describeAwsError(error)}` };
  }
}
