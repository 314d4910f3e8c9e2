import { setTimeout as sleep } from 'node:timers/promises';
import type { PortModel } from '../src/model/types.js';
import { BULK_UPSERT_MAX_ENTITIES } from '../src/port/batch.js';
import { CostFake, type FakePage } from '../test/support/cost-fake.js';
import type { BenchOptions } from './options.js';
import { SandboxProcess } from './sandbox-process.js';
import { sourceSession } from './session.js';
import { formatRows } from './table.js';

/** Service groups Cost Explorer puts on one page here (it decides its own page size). */
const GROUPS_PER_PAGE = 500;
const WORKER_KEY = { accessKeyId: 'AKIDBENCHWORKER', secretAccessKey: 'bench-worker-secret' };

export interface CostResult {
  services: number;
  scenario: string;
  /** GetCostAndUsage requests Cost Explorer answered: each one is paid. */
  pages: number;
  /** The pages the spend spans: one request per page, once per run. */
  floor: number;
  /** What the source itself reports as paid requests. */
  paidRequests: number;
  entityWrites: number;
  entityWritesFloor: number;
  wallMs: number;
  problems: string[];
}

/**
 * The cost source at scale against a local Cost Explorer (the tests' fake, answering in the
 * benchmark's latency): `services` tagged services and the untagged spend over this month and last,
 * served in pages; a first run and a run with nothing changed.
 */
export async function measureCost(
  services: number,
  options: BenchOptions,
  model: PortModel,
  progress: (line: string) => void,
): Promise<CostResult[]> {
  const sandbox = await SandboxProcess.start({ latencyMs: options.latencyMs, rateLimit: options.rateLimit });
  const fake = new CostFake();
  fake.pages = costPages(services, new Date());
  fake.beforeReply = () => sleep(options.latencyMs);
  await fake.start();
  try {
    const { session } = sourceSession(sandbox.url, 'bench-cost', { SOURCES: 'cost' }, options, model, {
      aws: { endpoint: fake.url, credentials: WORKER_KEY },
    });
    const results: CostResult[] = [];
    for (const scenario of ['first run', 'no change'] as const) {
      fake.requests.length = 0;
      await sandbox.measureStart();
      const started = performance.now();
      const { report } = await session.run();
      const wallMs = performance.now() - started;
      const measured = await sandbox.measureEnd();
      const stats = report.sources.cost?.stats ?? {};
      const written = Object.values(report.blueprints);
      const entityWritesFloor =
        1 +
        written.reduce((n, b) => n + Math.ceil(b.created / BULK_UPSERT_MAX_ENTITIES) + Math.ceil(b.updated / BULK_UPSERT_MAX_ENTITIES), 0);
      const months = (services + 1) * 2;
      const problems = [
        ...(report.status === 'success'
          ? []
          : [`status ${report.status}: ${report.findings[0]?.message ?? report.failures[0]?.message ?? ''}`]),
        ...(measured.entities.cloudCost === months
          ? []
          : [`the sandbox holds ${measured.entities.cloudCost} cloudCost entities, expected ${months}`]),
        ...(fake.unexpected().length === 0 ? [] : [`${fake.unexpected().length} requests the fake did not expect`]),
      ];
      results.push({
        services,
        scenario,
        pages: fake.requestsFor('GetCostAndUsage').length,
        floor: fake.pages.length,
        paidRequests: stats.paidRequests ?? 0,
        entityWrites: measured.entityWrites,
        entityWritesFloor,
        wallMs,
        problems,
      });
      progress(`cost ${services} services, ${scenario}: ${results.at(-1)!.pages} Cost Explorer pages in ${(wallMs / 1000).toFixed(1)} s`);
    }
    return results;
  } finally {
    await Promise.all([fake.close(), sandbox.close()]);
  }
}

/** Last month and this month (UTC), every service and the untagged spend in each, GROUPS_PER_PAGE a page. */
function costPages(services: number, now: Date): FakePage[] {
  const month = (offset: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const groups = [...Array.from({ length: services }, (_, i) => `svc-${i}`), ''];
  const pages: FakePage[] = [];
  for (let start = 0; start < groups.length; start += GROUPS_PER_PAGE) {
    const slice = groups.slice(start, start + GROUPS_PER_PAGE);
    pages.push(
      [month(-1), month(0)].map((m, k) => ({
        month: m,
        estimated: k === 1,
        groups: slice.map((value, i) => ({ value, amount: ((start + i) % 97) * 10 + k, unit: 'USD' })),
      })),
    );
  }
  return pages;
}

export function formatCostTable(results: readonly CostResult[]): string {
  return formatRows(
    ['services', 'scenario', 'Cost Explorer pages', 'floor', 'paid requests reported', 'entity writes/floor', 'wall s'],
    results.map((r) => [
      String(r.services),
      r.scenario,
      String(r.pages),
      String(r.floor),
      String(r.paidRequests),
      `${r.entityWrites}/${r.entityWritesFloor}`,
      (r.wallMs / 1000).toFixed(1),
    ]),
    [1],
  );
}
