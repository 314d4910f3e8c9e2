import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { awsSource, type AwsSourceSettings } from '../../src/sources/aws/index.js';
import { costSource, type CostSettings } from '../../src/sources/cost/index.js';
import { sourceSettingsOf, type Registry } from '../../src/sources/registry.js';
import { probeSource, type ProbeSettings } from './probe-source.js';

/** A loopback Port needs neither credentials nor SYNC_INSTANCE: the smallest valid environment. */
export const LOCAL = { PORT_BASE_URL: 'http://127.0.0.1:5555' } as const;

/** The problems a load reports; fails the test when it loads or throws something else. */
export function problemsOf(env: NodeJS.ProcessEnv, cwd?: string, registry?: Registry): string[] {
  try {
    loadConfig(env, { cwd, registry });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

export function load(env: NodeJS.ProcessEnv, cwd?: string, registry?: Registry): Config {
  return loadConfig(env, { cwd, registry });
}

/** Each source's typed settings, as its factory gets them. */
export const aws = (config: Config): AwsSourceSettings => sourceSettingsOf(config, awsSource);
export const cost = (config: Config): CostSettings => sourceSettingsOf(config, costSource);
export const probe = (config: Config): ProbeSettings => sourceSettingsOf(config, probeSource);

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'port-sync-config-'));
  dirs.push(dir);
  return dir;
}

/** Writes `files` (name -> content) into a fresh directory and returns it. */
export function withFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
