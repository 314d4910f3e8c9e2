import { paginateListAccounts, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { formatScope, type ScopeResult } from '../domain/index.js';
import { SourceError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AwsClients } from './clients.js';
import { describeAwsError } from './errors.js';
import type { AwsAccessSettings } from './settings.js';

/** One AWS account a run reads, and how its credentials are had. */
export interface AccountTarget {
  accountId: string;
  /** Organizations' name for the account, when known. */
  name?: string;
  /** Role assumed to read it; undefined for the worker's own account (its own credentials). */
  roleArn?: string;
}

/** Who the worker is: its account, and the ARN partition (`aws`, `aws-cn`, `aws-us-gov`) it lives in. */
export interface Caller {
  accountId: string;
  partition: string;
}

export async function callerIdentity(sts: STSClient, signal?: AbortSignal): Promise<Caller> {
  const { Account: accountId, Arn: arn } = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  if (!accountId) throw new Error('STS GetCallerIdentity returned no account');
  return { accountId, partition: arn?.split(':')[1] || 'aws' };
}

/** An account as Organizations lists it. */
export interface OrganizationAccount {
  accountId: string;
  name?: string;
  active: boolean;
}

/** ListAccounts' page limit. */
const ORGANIZATION_PAGE_SIZE = 20;

/** Every account of the organization, active or not (the caller decides); names are kept. */
export async function listOrganizationAccounts(client: OrganizationsClient, signal?: AbortSignal): Promise<OrganizationAccount[]> {
  const accounts: OrganizationAccount[] = [];
  // Paginators hand their extra arguments to `send`, so every page carries the signal.
  for await (const page of paginateListAccounts({ client, pageSize: ORGANIZATION_PAGE_SIZE }, {}, { abortSignal: signal })) {
    for (const account of page.Accounts ?? []) {
      if (!account.Id) continue;
      // `State` replaces the deprecated `Status`; an organization may still send only the latter.
      const state = account.State ?? account.Status;
      accounts.push({ accountId: account.Id, ...(account.Name ? { name: account.Name } : {}), active: state === 'ACTIVE' });
    }
  }
  return accounts;
}

export interface AccountSelection {
  caller: Caller;
  /** AWS_ACCOUNT_ROLE_ARNS */
  roleArns: readonly string[];
  /** AWS_ORGANIZATION_ROLE_NAME, with the organization's accounts when it is set. */
  organization?: { roleName: string; accounts: readonly OrganizationAccount[] };
  /** AWS_ACCOUNT_EXCLUDE */
  exclude: readonly string[];
}

/** The account id in a role ARN (`arn:aws:iam::123456789012:role/reader`). */
export function accountOfRole(roleArn: string): string {
  return roleArn.split(':')[4] ?? '';
}

/**
 * The accounts to read, in a stable order: the worker's own account first (its own credentials;
 * a role naming it is not needed), then the listed roles, then the organization's other active
 * accounts. An account appears once (the first way to reach it wins); excluded accounts are dropped.
 */
export function selectAccounts(selection: AccountSelection): AccountTarget[] {
  const { caller, organization } = selection;
  const names = new Map((organization?.accounts ?? []).map((a) => [a.accountId, a.name]));
  const withName = (target: AccountTarget): AccountTarget => {
    const name = names.get(target.accountId);
    return name === undefined ? target : { ...target, name };
  };
  const candidates: AccountTarget[] = [
    { accountId: caller.accountId },
    ...selection.roleArns.map((roleArn) => ({ accountId: accountOfRole(roleArn), roleArn })),
    ...(organization?.accounts ?? [])
      .filter((a) => a.active)
      .map((a) => ({ accountId: a.accountId, roleArn: `arn:${caller.partition}:iam::${a.accountId}:role/${organization!.roleName}` })),
  ];
  const excluded = new Set(selection.exclude);
  const seen = new Set<string>();
  const accounts: AccountTarget[] = [];
  for (const candidate of candidates) {
    if (excluded.has(candidate.accountId) || seen.has(candidate.accountId)) continue;
    seen.add(candidate.accountId);
    accounts.push(withName(candidate));
  }
  return accounts;
}

/** Where the organization's listing is reported: its failure must block deletions that rely on it. */
export const ORGANIZATION_SCOPE = formatScope({ kind: 'aws-organization' });

export interface DiscoveredAccounts {
  caller: Caller;
  accounts: AccountTarget[];
  /** The organization listing's scope, when AWS_ORGANIZATION_ROLE_NAME is set. */
  scopes: ScopeResult[];
}

export interface Discovery {
  access: Pick<AwsAccessSettings, 'accountRoleArns' | 'organizationRoleName' | 'accountExclude'>;
  clients: AwsClients;
  /** With the worker's own credentials. */
  sts: STSClient;
  /** Where Organizations is asked. */
  region: string;
  log: Logger;
  signal?: AbortSignal;
  /** The source that discovers, named in its failure. */
  source: string;
}

/**
 * The worker's identity, then the accounts to read. Without its own identity nothing can be assumed
 * or read, so that failure fails the source. A failed organization listing fails only its own
 * scope: the worker's account and the listed roles are still read, and because the run then has an
 * incomplete scope, nothing that only a full listing could justify is deleted.
 */
export async function discoverAccounts(d: Discovery): Promise<DiscoveredAccounts> {
  let caller: Caller;
  try {
    caller = await callerIdentity(d.sts, d.signal);
  } catch (error) {
    throw new SourceError(d.source, d.source, `STS GetCallerIdentity failed: ${describeAwsError(error)}`, { cause: error });
  }
  const scopes: ScopeResult[] = [];
  let organization: AccountSelection['organization'];
  if (d.access.organizationRoleName !== undefined) {
    const client = d.clients.organizations(d.region);
    try {
      organization = { roleName: d.access.organizationRoleName, accounts: await listOrganizationAccounts(client, d.signal) };
      scopes.push({ scope: ORGANIZATION_SCOPE, complete: true });
    } catch (error) {
      d.log.warn({ err: error }, 'Organizations ListAccounts failed; scanning only the listed accounts');
      scopes.push({ scope: ORGANIZATION_SCOPE, complete: false, error: `Organizations ListAccounts failed: ${describeAwsError(error)}` });
    } finally {
      client.destroy();
    }
  }
  const accounts = selectAccounts({ caller, roleArns: d.access.accountRoleArns, organization, exclude: d.access.accountExclude });
  return { caller, accounts, scopes };
}
