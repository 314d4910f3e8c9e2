import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { loadModel } from '../src/model/load.js';
import type { PortModel } from '../src/model/types.js';
import { createPortClient, type PortCallStats } from '../src/port/index.js';
import { createSyncSession } from '../src/session.js';
import { estateResult, type EstateVariant } from './estate.js';
import { awsSource } from '../src/sources/aws/index.js';
import { createRegistry, type Registry } from '../src/sources/registry.js';
import { collectGarbage, MemorySampler, type MemoryPeak } from './memory.js';
import type { BenchOptions } from './options.js';
import { SandboxProcess } from './sandbox-process.js';
import type { SandboxMeasure } from './sandbox-protocol.js';
import { RetryLog } from './retries.js';
import { problemsOf, SCENARIOS, totalsOf, type Totals } from './scenarios.js';
import { floorsOf, type Floors } from './floors.js';
import { REPO_ROOT } from './paths.js';

const CLIENT_ID = 'bench';
const CLIENT_SECRET = 'bench-client-secret';
const SYNC_INSTANCE = 'bench';

export interface ScenarioResult {
  size: number;
  scenario: string;
  /** Port calls the client made during the scenario (model sync, reads, writes, its own report). */
  calls: Pick<PortCallStats, 'reads' | 'writes' | 'retries' | 'waitedMs'>;
  /** Why the client retried (reason -> count), from its warnings. */
  retryReasons: Record<string, number>;
  /** What the run report says it made (the report is built before its own syncRun is written). */
  reportCalls: { reads: number; writes: number };
  totals: Totals;
  wallMs: number;
  memory: MemoryPeak;
  sandbox: SandboxMeasure;
  /** The fewest calls and the shortest wall time the scenario allows (see floors.ts). */
  floors: Floors;
  problems: string[];
}

export function loadBenchModel(): PortModel {
  const { model, problems } = loadModel(REPO_ROOT);
  if (problems.length > 0)
    throw new Error(`the model in ${REPO_ROOT} does not load: ${problems.map((p) => `${p.file}: ${p.message}`).join('; ')}`);
  return model;
}

/**
 * The sources of the benchmark: the aws source (its settings and what it owns) whose `collect`
 * reports the synthetic estate of the current scenario instead of calling AWS.
 */
function estateRegistry(size: number, estate: { variant: EstateVariant }): Registry {
  return createRegistry([
    {
      ...awsSource,
      create: () => ({ id: awsSource.id, owns: awsSource.owns, collect: () => estateResult(size, estate.variant) }),
    },
  ]);
}

/** Every scenario for one size, against a fresh sandbox process. */
export async function measureSize(
  size: number,
  options: BenchOptions,
  model: PortModel,
  progress: (line: string) => void,
): Promise<ScenarioResult[]> {
  const sandbox = await SandboxProcess.start({ latencyMs: options.latencyMs, rateLimit: options.rateLimit });
  try {
    const estate: { variant: EstateVariant } = { variant: SCENARIOS[0]!.variant };
    const registry = estateRegistry(size, estate);
    const env = {
      SOURCES: 'aws',
      AWS_REGIONS: 'eu-west-1',
      PORT_BASE_URL: sandbox.url,
      PORT_CLIENT_ID: CLIENT_ID,
      PORT_CLIENT_SECRET: CLIENT_SECRET,
      SYNC_INSTANCE: SYNC_INSTANCE,
      PORT_MAX_CONCURRENCY: String(options.concurrency),
    };
    const config = loadConfig(env, { cwd: REPO_ROOT, registry });
    // The client as the CLI builds it: its default concurrency, retries and pacing are what is measured.
    const retryLog = new RetryLog();
    const port = createPortClient({
      baseUrl: sandbox.url,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      syncInstance: SYNC_INSTANCE,
      logger: retryLog.logger,
      http: { concurrency: config.port.maxConcurrency },
    });
    const session = createSyncSession(config, { port, logger: silentLogger(), model, registry });
    const sampler = new MemorySampler();
    const results: ScenarioResult[] = [];
    let stored: Record<string, number> = {};
    for (const scenario of SCENARIOS) {
      collectGarbage();
      await sandbox.measureStart();
      const before = port.stats();
      sampler.start();
      const started = performance.now();
      // Collected inside the measured run by the aws source: the collected estate is part of the sync's memory.
      estate.variant = scenario.variant;
      const { report } = await session.run();
      const wallMs = performance.now() - started;
      const memory = sampler.stop();
      const after = port.stats();
      const measured = await sandbox.measureEnd();
      const retryReasons = retryLog.take();
      const result: ScenarioResult = {
        size,
        scenario: scenario.name,
        calls: {
          reads: after.reads - before.reads,
          writes: after.writes - before.writes,
          retries: after.retries - before.retries,
          waitedMs: after.waitedMs - before.waitedMs,
        },
        retryReasons,
        reportCalls: { reads: report.portCalls.reads, writes: report.portCalls.writes },
        totals: totalsOf(report),
        wallMs,
        memory,
        sandbox: measured,
        floors: floorsOf(report, stored, options),
        problems: problemsOf(scenario, size, report, measured.entities),
      };
      stored = measured.entities;
      results.push(result);
      progress(
        `${size} ${scenario.name}: ${(wallMs / 1000).toFixed(1)} s, ${result.calls.reads} reads, ${result.calls.writes} writes${result.problems.length ? `, PROBLEMS: ${result.problems.join('; ')}` : ''}`,
      );
    }
    return results;
  } finally {
    await sandbox.close();
  }
}
