import { ConfigError } from '../errors.js';
import { BUILTIN_REGISTRY } from '../sources/registry.js';
import { missing } from './rules.js';
import { settingsTable } from './table.js';
import type { Config } from './types.js';

const presence = (value: string | undefined): string => (value ? '(set)' : '(not set)');

/** Every secret value present (the rows marked secret, core and per-source), for the log scrubber. */
export function secretsOf(config: Config): string[] {
  return Object.values(config.secrets).filter((value): value is string => !!value);
}

/**
 * The configuration as it is safe to print: every secret setting only says whether it is set, and
 * a secret's value is hidden wherever a source's settings carry it.
 */
export function describeConfig(config: Config): Record<string, unknown> {
  const hidden = new Set(secretsOf(config));
  const hide = (value: unknown): unknown => {
    if (typeof value === 'string') return hidden.has(value) ? '(set)' : value;
    if (Array.isArray(value)) return value.map(hide);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hide(inner)]));
    return value;
  };
  const { secrets, ...rest } = config;
  return {
    ...(hide(rest) as Record<string, unknown>),
    port: { ...config.port, clientSecret: presence(config.port.clientSecret) },
    secrets: Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, presence(value)])),
  };
}

/** Called by commands that talk to Port; `validate` does not, so it works without credentials. */
export function requirePortCredentials(config: Config): void {
  const table = settingsTable(BUILTIN_REGISTRY);
  const problems = [
    config.port.clientId ? '' : missing(table, 'PORT_CLIENT_ID', 'to talk to Port'),
    config.port.clientSecret ? '' : missing(table, 'PORT_CLIENT_SECRET', 'to talk to Port'),
  ].filter((problem) => problem !== '');
  if (problems.length > 0) throw new ConfigError(problems);
}
