import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WITH_PROBE } from './probe-source.js';
import { LOCAL, probe, problemsOf as problemsWith, load as loadWith, withFiles } from './support.js';

// Every test here runs with a registered source of its own, whose token has a _FILE variant too.
const load = (env: NodeJS.ProcessEnv, cwd?: string) => loadWith(env, cwd, WITH_PROBE);
const problemsOf = (env: NodeJS.ProcessEnv, cwd?: string) => problemsWith(env, cwd, WITH_PROBE);

const VARIANTS = [
  ['PORT_CLIENT_ID', 'PORT_CLIENT_ID_FILE', (c: ReturnType<typeof load>) => c.port.clientId],
  ['PORT_CLIENT_SECRET', 'PORT_CLIENT_SECRET_FILE', (c: ReturnType<typeof load>) => c.port.clientSecret],
  ['PROBE_TOKEN', 'PROBE_TOKEN_FILE', (c: ReturnType<typeof load>) => probe(c).token],
] as const;

describe.each(VARIANTS)('%s and %s', (name, fileName, read) => {
  it('reads the file, trimmed, relative to the working directory', () => {
    const dir = withFiles({ value: '  content-of-the-file\n\n' });
    expect(read(load({ ...LOCAL, [fileName]: 'value' }, dir))).toBe('content-of-the-file');
    expect(read(load({ ...LOCAL, [fileName]: join(dir, 'value') }))).toBe('content-of-the-file');
  });

  it('takes the variable itself, trimmed', () => {
    expect(read(load({ ...LOCAL, [name]: ' direct-value\n' }))).toBe('direct-value');
  });

  it('refuses both at once', () => {
    const dir = withFiles({ value: 'content-of-the-file' });
    expect(problemsOf({ ...LOCAL, [name]: 'direct-value', [fileName]: 'value' }, dir)).toEqual([
      `${name} and ${fileName} are both set in the environment; set only one`,
    ]);
  });

  it('names the variable and the path of a missing or empty file, never its content', () => {
    const dir = withFiles({ blank: ' \n' });
    expect(problemsOf({ ...LOCAL, [fileName]: 'absent' }, dir)).toEqual([
      `${fileName} (environment): cannot read ${join(dir, 'absent')} (ENOENT)`,
    ]);
    expect(problemsOf({ ...LOCAL, [fileName]: 'blank' }, dir)).toEqual([`${fileName} (environment): ${join(dir, 'blank')} is empty`]);
  });
});

describe('secret files named in the YAML file', () => {
  it('are relative to the YAML file', () => {
    const dir = withFiles({ 'config.yaml': 'probe:\n  tokenFile: token\n', token: 'glpat-from-file\n' });
    expect(probe(load({ ...LOCAL, PORT_SYNC_CONFIG: join(dir, 'config.yaml') }, withFiles({}))).token).toBe('glpat-from-file');
  });

  it('may not be given together with the value', () => {
    const dir = withFiles({ 'config.yaml': 'port:\n  clientSecret: inline-secret-1\n  clientSecretFile: secret\n', secret: 'x' });
    const problems = problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir);
    expect(problems).toEqual([`${join(dir, 'config.yaml')}: port.clientSecret and port.clientSecretFile are both set; keep only one`]);
    expect(problems.join('\n')).not.toContain('inline-secret-1');
  });

  it('name the YAML key and the path when unreadable', () => {
    const dir = withFiles({ 'config.yaml': 'port:\n  clientIdFile: nowhere/id\n  clientSecretFile: [a]\n' });
    expect(problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir)).toEqual([
      `${join(dir, 'config.yaml')}: port.clientIdFile: cannot read ${join(dir, 'nowhere/id')} (ENOENT)`,
      `${join(dir, 'config.yaml')}: port.clientSecretFile: expected a file path`,
    ]);
  });

  it('do not make an enabled source demand a token that failed to load', () => {
    const dir = withFiles({});
    expect(problemsOf({ ...LOCAL, PROBE_GROUPS: 'acme', PROBE_TOKEN_FILE: 'absent' }, dir)).toEqual([
      `PROBE_TOKEN_FILE (environment): cannot read ${join(dir, 'absent')} (ENOENT)`,
    ]);
  });
});

describe("a source's secret", () => {
  it('is scrubbed from every problem, read from its file or given directly', () => {
    const dir = withFiles({ token: 'probe-file-secret\n' });
    const fromFile = problemsOf({ ...LOCAL, PROBE_TOKEN_FILE: 'token', PROBE_GROUPS: 'probe-file-secret x' }, dir);
    expect(fromFile).toEqual(['PROBE_GROUPS (environment): "[REDACTED] x" is not a group path (e.g. acme/payments)']);
    const direct = problemsOf({ ...LOCAL, PROBE_TOKEN: 'probe-env-secret', SOURCES: 'probe-env-secret' });
    expect(direct.join('\n')).not.toContain('probe-env-secret');
    expect(direct.join('\n')).toContain('[REDACTED]');
  });
});
