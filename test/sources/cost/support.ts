import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { afterEach, beforeEach, expect } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger, SecretScrubber, type Logger } from '../../../src/logger.js';
import { costSource, createCostSource, type CostSettings } from '../../../src/sources/cost/index.js';
import { sourceSettingsOf } from '../../../src/sources/registry.js';
import { NO_PREVIOUS, type SourceResult } from '../../../src/domain/index.js';
import { CostFake } from '../../support/cost-fake.js';

/** Static credentials for the worker itself: the fake checks no signature, and the default chain must not run. */
export const WORKER_CREDENTIALS = { accessKeyId: 'AKIDWORKERFAKE', secretAccessKey: 'worker-secret-fake' };

/** The cost source's own settings as the loader reads them; a loopback Port needs no credentials. */
export function costSettings(env: NodeJS.ProcessEnv = {}): CostSettings {
  return sourceSettingsOf(loadConfig({ PORT_BASE_URL: 'http://127.0.0.1:5555', SOURCES: 'cost', ...env }), costSource);
}

/** Log lines as parsed JSON, from a real pino logger writing into memory. */
export function memoryLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  // The scrubber is the production setup; createLogger also needs one (without, pino gets hooks: undefined).
  const logger = createLogger({ level: 'debug', scrubber: new SecretScrubber(), destination });
  return { logger, lines };
}

/** A fresh fake per test, and a check that nothing it does not serve reached it. */
export function useCostFake(): () => CostFake {
  let fake: CostFake | undefined;
  beforeEach(async () => {
    fake = new CostFake();
    await fake.start();
  });
  afterEach(async () => {
    const unexpected = fake?.unexpected() ?? [];
    await fake?.close();
    expect(unexpected.map((r) => r.target)).toEqual([]);
  });
  return () => fake!;
}

export interface Collected {
  result: SourceResult;
  lines: Record<string, unknown>[];
}

/** Runs the cost source once against the fake, the run's clock at `now`, with zero-delay retries (3 attempts). */
export async function collectCost(fake: CostFake, now: string, env: NodeJS.ProcessEnv = {}): Promise<Collected> {
  const { logger, lines } = memoryLogger();
  const source = createCostSource(costSettings(env), {
    logger,
    aws: { endpoint: fake.url, credentials: WORKER_CREDENTIALS, retryStrategy: new ConfiguredRetryStrategy(3, 0) },
  });
  const result = await source.collect({ logger, now: new Date(now), signal: new AbortController().signal, previous: NO_PREVIOUS });
  return { result, lines };
}
