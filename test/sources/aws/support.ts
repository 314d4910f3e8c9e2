import { AwsFake } from '../../support/aws-fake.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import type { AwsClientOptions } from '../../../src/aws/index.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { awsSource, createAwsSource, type AwsSourceSettings } from '../../../src/sources/aws/index.js';
import { sourceSettingsOf } from '../../../src/sources/registry.js';
import { NO_PREVIOUS, type SourceResult } from '../../../src/domain/index.js';

/** Three attempts with no delay: the SDK's real retry logic, without the waiting. */
export const fastRetry = (): ConfiguredRetryStrategy => new ConfiguredRetryStrategy(3, 0);

export const STATIC_CREDENTIALS = { accessKeyId: 'AKIDWORKER', secretAccessKey: 'worker-secret' };

/** The aws source's own settings as the loader reads them, with a loopback Port (no Port credentials needed). */
export function awsSettings(env: Record<string, string>): AwsSourceSettings {
  return sourceSettingsOf(loadConfig({ PORT_BASE_URL: 'http://127.0.0.1:5555', SOURCES: 'aws', ...env }), awsSource);
}

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger writing into memory. */
export function memoryLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } });
  return { logger, lines };
}

export interface Collected extends SourceResult {
  lines: LogLine[];
}

/** Builds the aws source against an endpoint and runs one collection. */
export async function collectAws(
  env: Record<string, string>,
  clientOptions: AwsClientOptions,
  extra: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<Collected> {
  const { logger, lines } = memoryLogger();
  const source = createAwsSource(awsSettings(env), { logger, aws: clientOptions, concurrency: extra.concurrency });
  const signal = extra.signal ?? new AbortController().signal;
  const result = await source.collect({ logger, now: new Date('2026-11-15T12:00:00Z'), signal, previous: NO_PREVIOUS });
  return { ...result, lines };
}

export const byBlueprint = (result: SourceResult, blueprint: string) => result.fragments.filter((f) => f.blueprint === blueprint);
export const scopeOf = (result: SourceResult, scope: string) => result.scopes.find((s) => s.scope === scope);

/**
 * The fake AWS server for one test file, started once; after each test it must have seen no call it
 * does not know, and forgets what it saw.
 */
export function useAwsFake(): { fake: AwsFake; options: () => AwsClientOptions } {
  const fake = new AwsFake();
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.close();
  });
  afterEach(() => {
    expect(fake.unexpected).toEqual([]);
    fake.calls.length = 0;
    fake.unexpected.length = 0;
  });
  return { fake, options: () => ({ endpoint: fake.url, credentials: STATIC_CREDENTIALS, retryStrategy: fastRetry() }) };
}
