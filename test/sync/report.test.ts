import { describe, expect, it } from 'vitest';
import { buildReport, type ReportInput } from '../../src/sync/report.js';
import type { BlueprintSyncPlan, PlannedWrite } from '../../src/sync/types.js';

const write = (identifier: string) => ({ identifier }) as unknown as PlannedWrite;
const plan: BlueprintSyncPlan = {
  blueprint: 'awsResource',
  creates: [write('a'), write('b')],
  updates: [write('c')],
  unchanged: 7,
  deletes: ['d', 'e', 'f'],
  kept: [],
  owned: 11,
};
const input = (over: Partial<ReportInput>): ReportInput => ({
  runId: 'r',
  syncInstance: 'i',
  dryRun: false,
  startedAt: new Date('2026-12-01T00:00:00Z'),
  finishedAt: new Date('2026-12-01T00:00:10Z'),
  runs: [],
  plans: [plan],
  desiredCounts: new Map([['awsResource', 10]]),
  refusals: [],
  findings: [],
  model: { created: 0, updated: 0, deleted: 0, unchanged: 0, failed: 0 },
  calls: { calls: 0, reads: 0, writes: 0, retries: 0, tokenFetches: 0, waitedMs: 0, byRoute: {} },
  ...over,
});
const counts = (report: ReturnType<typeof buildReport>) => {
  const { created, updated, deleted, unchanged, notSent, toDelete } = report.blueprints.awsResource!;
  return { created, updated, deleted, unchanged, notSent, toDelete };
};

describe('the run report per blueprint', () => {
  it('reports what a dry run would write', () => {
    expect(counts(buildReport(input({ dryRun: true })))).toEqual({
      created: 2,
      updated: 1,
      deleted: 0,
      unchanged: 7,
      notSent: 0,
      toDelete: 3,
    });
  });

  it('reports nothing written, and every planned write as not sent, for a run aborted before it wrote', () => {
    const report = buildReport(input({ aborted: true }));
    expect(report.status).toBe('aborted');
    expect(counts(report)).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 7, notSent: 6, toDelete: 3 });
  });

  it('reports what reached Port for a run that wrote', () => {
    const applied = {
      byBlueprint: new Map([['awsResource', { created: 2, updated: 0, deleted: 1, failed: 1, ownedByOthers: 0, notSent: 2 }]]),
      failures: [],
      ownedByOthers: [],
    };
    expect(counts(buildReport(input({ aborted: true, applied })))).toEqual({
      created: 2,
      updated: 0,
      deleted: 1,
      unchanged: 7,
      notSent: 2,
      toDelete: 3,
    });
  });
});
