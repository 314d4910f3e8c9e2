import { describe, expect, it } from 'vitest';
import { register as globalRegistry } from 'prom-client';
import type { SyncReport } from '../../src/sync/report.js';
import { WorkerMetrics } from '../../src/worker/metrics.js';
import { sample } from './support.js';

function report(overrides: Partial<SyncReport> = {}): SyncReport {
  const outcome = (blueprint: string, created: number, updated: number, deleted: number, failed: number) => ({
    blueprint,
    desired: created + updated,
    created,
    updated,
    unchanged: 0,
    deleted,
    failed,
    ownedByOthers: 0,
    notSent: 0,
    toDelete: deleted,
    kept: 0,
  });
  return {
    runId: 'r',
    syncInstance: 'test',
    dryRun: false,
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T00:00:10.000Z',
    durationSeconds: 10,
    status: 'success',
    sources: { cost: { scopes: 1, completedScopes: 1, failedScopes: [], fragments: 3, findings: 0, stats: { paidRequests: 2, pages: 1 } } },
    blueprints: { service: outcome('service', 3, 1, 0, 0), awsResource: outcome('awsResource', 0, 0, 2, 1) },
    ownedByOthers: [],
    deletionsRefused: [{ blueprint: 'workload', wouldDelete: 9, owned: 10, ratio: 0.9, maxRatio: 0.2, reason: 'too many' }],
    failures: [],
    findings: [],
    servicesWithoutRepository: 0,
    model: { created: 0, updated: 0, deleted: 0, unchanged: 10, failed: 0 },
    portCalls: { total: 17, reads: 12, writes: 5, retries: 0 },
    ...overrides,
  };
}

describe('WorkerMetrics', () => {
  it('exposes every series of the contract from the start, at zero, in its own registry', async () => {
    const metrics = new WorkerMetrics(['sync', 'cost']);
    const text = await metrics.text();
    for (const schedule of ['sync', 'cost']) {
      for (const outcome of ['success', 'partial', 'failed', 'aborted']) {
        expect(sample(text, 'port_sync_runs_total', { schedule, outcome })).toBe(0);
      }
      expect(sample(text, 'port_sync_ticks_skipped_total', { schedule })).toBe(0);
      expect(sample(text, 'port_sync_run_duration_seconds_count', { schedule })).toBe(0);
    }
    expect(sample(text, 'port_sync_port_requests_total')).toBe(0);
    expect(sample(text, 'port_sync_cost_explorer_requests_total')).toBe(0);
    expect(text).toContain('# TYPE port_sync_last_success_timestamp_seconds gauge');
    expect(text).toContain('# TYPE port_sync_entities_total counter');
    expect(text).toContain('# TYPE port_sync_deletions_refused_total counter');
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metrics.contentType).toMatch(/^text\/plain/);
    // Two workers (or a worker and a test) never share series.
    expect(await globalRegistry.getSingleMetric('port_sync_runs_total')).toBeUndefined();
    expect(() => new WorkerMetrics(['sync'])).not.toThrow();
  });

  it('counts a report: outcome, duration, last success, entities by action, Port and Cost Explorer requests, refusals', async () => {
    const metrics = new WorkerMetrics(['sync', 'cost']);
    metrics.started('cost');
    metrics.finished('cost', 'success', 10, report(), new Date('2026-12-01T00:00:10Z'));
    metrics.finished('cost', 'partial', 4, report({ status: 'partial' }), new Date('2026-12-01T01:00:00Z'));
    metrics.finished('cost', 'failed', 1, undefined, new Date('2026-12-01T02:00:00Z'));
    metrics.tickSkipped('sync');
    const text = await metrics.text();
    expect(sample(text, 'port_sync_runs_total', { schedule: 'cost', outcome: 'success' })).toBe(1);
    expect(sample(text, 'port_sync_runs_total', { schedule: 'cost', outcome: 'partial' })).toBe(1);
    expect(sample(text, 'port_sync_runs_total', { schedule: 'cost', outcome: 'failed' })).toBe(1);
    expect(sample(text, 'port_sync_run_duration_seconds_count', { schedule: 'cost' })).toBe(3);
    expect(sample(text, 'port_sync_run_duration_seconds_sum', { schedule: 'cost' })).toBe(15);
    // A failed run leaves the last success where it was.
    expect(sample(text, 'port_sync_last_success_timestamp_seconds', { schedule: 'cost' })).toBe(Date.parse('2026-12-01T01:00:00Z') / 1000);
    expect(sample(text, 'port_sync_last_success_timestamp_seconds', { schedule: 'sync' })).toBeUndefined();
    expect(sample(text, 'port_sync_entities_total', { blueprint: 'service', action: 'created' })).toBe(6);
    expect(sample(text, 'port_sync_entities_total', { blueprint: 'service', action: 'updated' })).toBe(2);
    expect(sample(text, 'port_sync_entities_total', { blueprint: 'awsResource', action: 'deleted' })).toBe(4);
    expect(sample(text, 'port_sync_entities_total', { blueprint: 'awsResource', action: 'failed' })).toBe(2);
    expect(sample(text, 'port_sync_entities_total', { blueprint: 'awsResource', action: 'created' })).toBeUndefined();
    expect(sample(text, 'port_sync_port_requests_total')).toBe(34);
    expect(sample(text, 'port_sync_cost_explorer_requests_total')).toBe(4);
    expect(sample(text, 'port_sync_deletions_refused_total', { blueprint: 'workload' })).toBe(2);
    expect(sample(text, 'port_sync_ticks_skipped_total', { schedule: 'sync' })).toBe(1);
    expect(sample(text, 'port_sync_run_in_progress', { schedule: 'cost' })).toBe(0);
  });

  it('counts no entities for a dry run, and what reached Port for an aborted run', async () => {
    const metrics = new WorkerMetrics(['sync']);
    metrics.finished('sync', 'success', 1, report({ dryRun: true }), new Date());
    const aborted = report({ status: 'aborted', portCalls: { total: 9, reads: 9, writes: 0, retries: 0 } });
    aborted.blueprints.service = { ...aborted.blueprints.service!, created: 0, updated: 1, notSent: 3 };
    metrics.finished('sync', 'aborted', 1, aborted, new Date());
    const text = await metrics.text();
    expect(sample(text, 'port_sync_entities_total', { blueprint: 'service', action: 'created' })).toBeUndefined();
    expect(sample(text, 'port_sync_entities_total', { blueprint: 'service', action: 'updated' })).toBe(1);
    expect(sample(text, 'port_sync_runs_total', { schedule: 'sync', outcome: 'aborted' })).toBe(1);
    expect(sample(text, 'port_sync_port_requests_total')).toBe(26);
  });
});
