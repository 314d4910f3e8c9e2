import { ConfigError } from '../errors.js';
import { missing } from './rules.js';
import type { Config } from './types.js';

const presence = (value: string | undefined): string => (value ? '(set)' : '(not set)');

/** Every secret value present, for the log scrubber. The Port client id is not a secret. */
export function secretsOf(config: Config): string[] {
  return [config.port.clientSecret, config.gitlab.token].filter((value): value is string => !!value);
}

/** The configuration as it is safe to print: secrets only say whether they are set. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    port: { ...config.port, clientSecret: presence(config.port.clientSecret) },
    gitlab: { ...config.gitlab, token: presence(config.gitlab.token) },
  };
}

/** Called by commands that talk to Port; `validate` does not, so it works without credentials. */
export function requirePortCredentials(config: Config): void {
  const problems = [
    config.port.clientId ? '' : missing('PORT_CLIENT_ID', 'to talk to Port'),
    config.port.clientSecret ? '' : missing('PORT_CLIENT_SECRET', 'to talk to Port'),
  ].filter((problem) => problem !== '');
  if (problems.length > 0) throw new ConfigError(problems);
}
