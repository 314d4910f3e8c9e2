import { paginateListAccounts, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { Config } from '../../config.js';
import { SourceError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { ScopeResult } from '../../domain/index.js';
import type { AwsClients } from './clients.js';
import { describeError } from './error-text.js';
import type { AccountTarget } from './types.js';

/** Who the worker is: its account, and the ARN partition (`aws`, `aws-cn`, `aws-us-gov`) it lives in. */
export interface Caller {
  accountId: string;
  partition: string;
}

export async function callerIdentity(sts: STSClient): Promise<Caller> {
  const { Account: accountId, Arn: arn } = await sts.send(new GetCallerIdentityCommand({}));
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
export async function listOrganizationAccounts(client: OrganizationsClient): Promise<OrganizationAccount[]> {
  const accounts: OrganizationAccount[] = [];
  for await (const page of paginateListAccounts({ client, pageSize: ORGANIZATION_PAGE_SIZE }, {})) {
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
 * The accounts to scan, in a stable order: the worker's own account first (its own credentials;
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
export const ORGANIZATION_SCOPE = 'aws:organization';

export interface DiscoveredAccounts {
  caller: Caller;
  accounts: AccountTarget[];
  /** The organization listing's scope, when AWS_ORGANIZATION_ROLE_NAME is set. */
  scopes: ScopeResult[];
}

/**
 * The worker's identity, then the accounts to scan. Without its own identity nothing can be assumed
 * or scanned, so that failure fails the source. A failed organization listing fails only its own
 * scope: the worker's account and the listed roles are still scanned, and because the run then
 * has an incomplete scope, nothing that only a full listing could justify is deleted.
 */
export async function discoverAccounts(
  settings: Config['aws'],
  clients: AwsClients,
  sts: STSClient,
  region: string,
  log: Logger,
): Promise<DiscoveredAccounts> {
  let caller: Caller;
  try {
    caller = await callerIdentity(sts);
  } catch (error) {
    throw new SourceError('aws', 'aws', `STS GetCallerIdentity failed: ${describeError(error)}`, { cause: error });
  }
  const scopes: ScopeResult[] = [];
  let organization: AccountSelection['organization'];
  if (settings.organizationRoleName !== undefined) {
    const client = clients.organizations(region);
    try {
      organization = { roleName: settings.organizationRoleName, accounts: await listOrganizationAccounts(client) };
      scopes.push({ scope: ORGANIZATION_SCOPE, complete: true });
    } catch (error) {
      log.warn({ err: error }, 'Organizations ListAccounts failed; scanning only the listed accounts');
      scopes.push({ scope: ORGANIZATION_SCOPE, complete: false, error: `Organizations ListAccounts failed: ${describeError(error)}` });
    } finally {
      client.destroy();
    }
  }
  const accounts = selectAccounts({ caller, roleArns: settings.accountRoleArns, organization, exclude: settings.accountExclude });
  return { caller, accounts, scopes };
}
