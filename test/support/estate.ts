import { writeFile } from 'node:fs/promises';
import type { SourceRun } from '../../src/domain/index.js';

/** A made-up estate, as two sources would collect it: GitLab defines services, AWS the resources. */
export interface Estate {
  services: { name: string; team: string; chart: string; group: string }[];
  resources: { arn: string; service: string; team: string; env: string; account: string; region: string }[];
  failedScopes?: string[];
  /** Which sources ran (default both). */
  only?: ('gitlab' | 'aws')[];
}

export const gitlabOwns = {
  service: { mode: 'define', title: true, properties: ['repoUrl', 'chartVersion'], relations: ['team'] },
} as const;
export const awsOwns = {
  awsResource: { mode: 'define', title: true, properties: ['arn', 'region', 'accountId'], relations: ['service', 'team', 'environment'] },
} as const;

export function runsOf(estate: Estate): SourceRun[] {
  const failed = new Set(estate.failedScopes ?? []);
  const scope = (s: string) => ({ scope: s, complete: !failed.has(s), ...(failed.has(s) ? { error: 'AccessDenied' } : {}) });
  const listed = (prefix: string, seen: string[]) => [...new Set([...seen, ...[...failed].filter((f) => f.startsWith(prefix))])];
  const groups = listed('gitlab:', estate.services.map((s) => `gitlab:${s.group}`));
  const partitions = listed('aws:', estate.resources.map((r) => `aws:${r.account}:${r.region}`));
  const gitlab: SourceRun = {
    id: 'gitlab',
    owns: gitlabOwns,
    result: {
      scopes: groups.map(scope),
      findings: [],
      fragments: estate.services
        .filter((s) => !failed.has(`gitlab:${s.group}`))
        .map((s) => ({
          blueprint: 'service',
          identifier: s.name,
          title: s.name,
          scope: `gitlab:${s.group}`,
          properties: { repoUrl: `https://gitlab.example.com/${s.group}/${s.name}`, chartVersion: s.chart },
          relations: { team: s.team },
        })),
    },
  };
  const aws: SourceRun = {
    id: 'aws',
    owns: awsOwns,
    result: {
      scopes: partitions.map(scope),
      findings: [],
      fragments: estate.resources
        .filter((r) => !failed.has(`aws:${r.account}:${r.region}`))
        .map((r) => ({
          blueprint: 'awsResource',
          identifier: r.arn,
          title: r.arn.split(':').pop() ?? r.arn,
          scope: `aws:${r.account}:${r.region}`,
          properties: { arn: r.arn, region: r.region, accountId: r.account },
          relations: { service: r.service, team: r.team, environment: r.env },
        })),
    },
  };
  const only = estate.only ?? ['gitlab', 'aws'];
  return [gitlab, aws].filter((r) => only.includes(r.id as 'gitlab' | 'aws'));
}

/**
 * A snapshot may only name sources this version registers (aws, cost). GitLab is not one yet, so
 * its run is saved under the cost source's id; the run's own `owns` still says what it defines.
 */
export const SNAPSHOT_SERVICES_SOURCE = 'cost';

export async function writeSnapshot(path: string, estate: Estate): Promise<string> {
  const runs = runsOf(estate).map((run) => (run.id === 'gitlab' ? { ...run, id: SNAPSHOT_SERVICES_SOURCE } : run));
  await writeFile(path, JSON.stringify({ version: 1, takenAt: '2026-11-23T00:00:00.000Z', runs }));
  return path;
}

/** n services over three teams, each with two resources in one account and region. */
export function estateOf(n: number): Estate {
  const teams = ['Payments', 'checkout ', 'PLATFORM'];
  const services = Array.from({ length: n }, (_, i) => ({ name: `svc-${i}`, team: teams[i % 3]!, chart: '4.1.0', group: 'acme' }));
  const resources = services.flatMap((s, i) => [
    { arn: `arn:aws:sqs:eu-west-1:111122223333:queue-${i}`, service: s.name, team: s.team, env: 'prod', account: '111122223333', region: 'eu-west-1' },
    { arn: `arn:aws:s3:::bucket-${i}`, service: s.name, team: s.team, env: 'Production', account: '111122223333', region: 'eu-west-1' },
  ]);
  return { services, resources };
}
