import { writeFile } from 'node:fs/promises';
import { formatScope, type SourceRun } from '../../src/domain/index.js';
import { BUILTIN_REGISTRY } from '../../src/sources/registry.js';

/** The months the estate's cost query covers: one scope, `cost:2026-11..2026-11`. */
export const COST_SCOPE = formatScope({ kind: 'cost', from: '2026-11', to: '2026-11' });

/**
 * A made-up estate, as the aws and cost sources would collect it (with their own declarations from
 * the registry): resources tagged with a service, a team and an environment, and the month-to-date
 * cost of each service. Services, teams and environments are made by the join from those names.
 */
export interface Estate {
  services: { name: string; cost: number }[];
  resources: { arn: string; service: string; team: string; env: string; account: string; region: string }[];
  /** Scopes whose listing failed, e.g. `aws:111122223333:eu-west-1` or COST_SCOPE. */
  failedScopes?: string[];
  /** Which sources ran (default both). */
  only?: ('aws' | 'cost')[];
}

const ownsOf = (id: string) => BUILTIN_REGISTRY.ownership(id)!;

export function runsOf(estate: Estate): SourceRun[] {
  const failed = new Set(estate.failedScopes ?? []);
  const scope = (s: string) => ({ scope: s, complete: !failed.has(s), ...(failed.has(s) ? { error: 'AccessDenied' } : {}) });
  const partitionOf = (r: Estate['resources'][number]) => formatScope({ kind: 'aws', accountId: r.account, region: r.region });
  const partitions = [...new Set([...estate.resources.map(partitionOf), ...[...failed].filter((f) => f.startsWith('aws:'))])];
  const cost: SourceRun = {
    id: 'cost',
    owns: ownsOf('cost'),
    result: {
      scopes: [scope(COST_SCOPE)],
      findings: [],
      fragments: failed.has(COST_SCOPE)
        ? []
        : estate.services.map((s) => ({
            blueprint: 'service',
            identifier: s.name,
            scope: COST_SCOPE,
            properties: { costMonthToDate: s.cost, currency: 'USD' },
          })),
    },
  };
  const aws: SourceRun = {
    id: 'aws',
    owns: ownsOf('aws'),
    result: {
      scopes: partitions.map(scope),
      findings: [],
      fragments: estate.resources
        .filter((r) => !failed.has(partitionOf(r)))
        .map((r) => ({
          blueprint: 'awsResource',
          identifier: r.arn,
          title: r.arn.split(':').pop() ?? r.arn,
          scope: partitionOf(r),
          properties: { arn: r.arn, region: r.region, accountId: r.account },
          relations: { service: r.service, team: r.team, environment: r.env },
        })),
    },
  };
  const only = estate.only ?? ['aws', 'cost'];
  return [aws, cost].filter((r) => only.includes(r.id as 'aws' | 'cost'));
}

export async function writeSnapshot(path: string, estate: Estate): Promise<string> {
  await writeFile(path, JSON.stringify({ version: 1, takenAt: '2026-11-23T00:00:00.000Z', runs: runsOf(estate) }));
  return path;
}

/** n services over three teams, each with two resources in one account and region and its cost. */
export function estateOf(n: number): Estate {
  const teams = ['Payments', 'checkout ', 'PLATFORM'];
  const services = Array.from({ length: n }, (_, i) => ({ name: `svc-${i}`, cost: 10 + i }));
  const resources = services.flatMap((s, i) => [
    {
      arn: `arn:aws:sqs:eu-west-1:111122223333:queue-${i}`,
      service: s.name,
      team: teams[i % 3]!,
      env: 'prod',
      account: '111122223333',
      region: 'eu-west-1',
    },
    {
      arn: `arn:aws:s3:::bucket-${i}`,
      service: s.name,
      team: teams[i % 3]!,
      env: 'Production',
      account: '111122223333',
      region: 'eu-west-1',
    },
  ]);
  return { services, resources };
}
