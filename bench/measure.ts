import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { loadModel } from '../src/model/load.js';
import type { PortModel } from '../src/model/types.js';
import { createPortClient, type PortCallStats } from '../src/port/index.js';
import { createSyncSession } from '../src/session.js';
import { estateRuns } from './estate.js';
import { collectGarbage, MemorySampler, type MemoryPeak } from './memory.js';
import type { BenchOptions } from './options.js';
import { SandboxProcess } from './sandbox-process.js';
import type { SandboxMeasure } from './sandbox-protocol.js';
import { RetryLog } from './retries.js';
import { problemsOf, SCENARIOS, totalsOf, type Totals } from './scenarios.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
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
  problems: string[];
}

export function loadBenchModel(): PortModel {
  const { model, problems } = loadModel(REPO_ROOT);
  if (problems.length > 0)
    throw new Error(`the model in ${REPO_ROOT} does not load: ${problems.map((p) => `${p.file}: ${p.message}`).join('; ')}`);
  return model;
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
    const env = { PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: CLIENT_ID, PORT_CLIENT_SECRET: CLIENT_SECRET, SYNC_INSTANCE: SYNC_INSTANCE };
    const config = loadConfig(env, { cwd: REPO_ROOT });
    // The client as the CLI builds it: its default concurrency, retries and pacing are what is measured.
    const retryLog = new RetryLog();
    const port = createPortClient({
      baseUrl: sandbox.url,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      syncInstance: SYNC_INSTANCE,
      logger: retryLog.logger,
    });
    const session = createSyncSession(config, { port, logger: silentLogger(), model });
    const sampler = new MemorySampler();
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      collectGarbage();
      await sandbox.measureStart();
      const before = port.stats();
      sampler.start();
      const started = performance.now();
      // Built inside the measured run, as a live source would: the collected estate is part of the sync's memory.
      const { report } = await session.run({ replay: estateRuns(size, scenario.variant) });
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
        problems: problemsOf(scenario, size, report, measured.entities),
      };
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
