import { countOf, entityCount, isChanged, isDeleted, serviceCount, servicesNamed, type EstateVariant } from './estate.js';
import type { SyncReport } from '../src/sync/report.js';

export interface Scenario {
  name: string;
  /** The estate the sources report in this scenario. */
  variant: EstateVariant;
  /** What the run must have done, checked so a broken sync cannot post a good-looking number. */
  expected: (size: number) => { created: number; updated: number; deleted: number };
}

/** In order, on one sandbox: each scenario starts from the catalog the previous one left. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'first sync',
    variant: { changed: false, deleted: false },
    expected: (size) => ({ created: entityCount(size), updated: 0, deleted: 0 }),
  },
  {
    name: 'no change',
    variant: { changed: false, deleted: false },
    expected: () => ({ created: 0, updated: 0, deleted: 0 }),
  },
  {
    name: '1% changed',
    variant: { changed: true, deleted: false },
    expected: (size) => ({ created: 0, updated: countOf(size, isChanged), deleted: 0 }),
  },
  {
    // Keeps the 1% change, so the only difference from the previous run is the deletions.
    name: '1% deleted',
    variant: { changed: true, deleted: true },
    // The resources, and the services only they named.
    expected: (size) => ({ created: 0, updated: 0, deleted: countOf(size, isDeleted) + serviceCount(size) - servicesNamed(size, true) }),
  },
];

export interface Totals {
  created: number;
  updated: number;
  deleted: number;
}

export function totalsOf(report: SyncReport): Totals {
  const all = Object.values(report.blueprints);
  const sum = (key: keyof Totals) => all.reduce((n, b) => n + b[key], 0);
  return { created: sum('created'), updated: sum('updated'), deleted: sum('deleted') };
}

/** Why a run's outcome is not what the scenario should produce; empty when it is. */
export function problemsOf(scenario: Scenario, size: number, report: SyncReport, stored: Record<string, number>): string[] {
  const problems: string[] = [];
  if (report.status !== 'success') problems.push(`status ${report.status}`);
  if (report.failures.length > 0) problems.push(`${report.failures.length} failed writes, first: ${report.failures[0]?.message}`);
  if (report.deletionsRefused.length > 0) problems.push(`deletions refused: ${report.deletionsRefused.map((r) => r.reason).join('; ')}`);
  if (report.findings.length > 0) problems.push(`${report.findings.length} findings, first: ${report.findings[0]?.message}`);
  const totals = totalsOf(report);
  const expected = scenario.expected(size);
  for (const key of ['created', 'updated', 'deleted'] as const) {
    if (totals[key] !== expected[key]) problems.push(`${key} ${totals[key]}, expected ${expected[key]}`);
  }
  const resources = size - (scenario.variant.deleted ? countOf(size, isDeleted) : 0);
  if (stored.awsResource !== resources)
    problems.push(`the sandbox holds ${stored.awsResource} awsResource entities, expected ${resources}`);
  const services = servicesNamed(size, scenario.variant.deleted);
  if (stored.service !== services) problems.push(`the sandbox holds ${stored.service} services, expected ${services}`);
  return problems;
}
