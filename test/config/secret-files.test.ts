import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL, load, problemsOf, withFiles } from './support.js';

const VARIANTS = [
  ['PORT_CLIENT_ID', 'PORT_CLIENT_ID_FILE', (c: ReturnType<typeof load>) => c.port.clientId],
  ['PORT_CLIENT_SECRET', 'PORT_CLIENT_SECRET_FILE', (c: ReturnType<typeof load>) => c.port.clientSecret],
  ['GITLAB_TOKEN', 'GITLAB_TOKEN_FILE', (c: ReturnType<typeof load>) => c.gitlab.token],
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
    expect(problemsOf({ ...LOCAL, [fileName]: 'blank' }, dir)).toEqual([
      `${fileName} (environment): ${join(dir, 'blank')} is empty`,
    ]);
  });
});

describe('secret files named in the YAML file', () => {
  it('are relative to the YAML file', () => {
    const dir = withFiles({ 'config.yaml': 'gitlab:\n  tokenFile: token\n', token: 'glpat-from-file\n' });
    expect(load({ ...LOCAL, PORT_SYNC_CONFIG: join(dir, 'config.yaml') }, withFiles({})).gitlab.token).toBe('glpat-from-file');
  });

  it('may not be given together with the value', () => {
    const dir = withFiles({ 'config.yaml': 'port:\n  clientSecret: inline-secret-1\n  clientSecretFile: secret\n', secret: 'x' });
    const problems = problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir);
    expect(problems).toEqual([
      `${join(dir, 'config.yaml')}: port.clientSecret and port.clientSecretFile are both set; keep only one`,
    ]);
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
    expect(problemsOf({ ...LOCAL, GITLAB_GROUPS: 'acme', GITLAB_TOKEN_FILE: 'absent' }, dir)).toEqual([
      `GITLAB_TOKEN_FILE (environment): cannot read ${join(dir, 'absent')} (ENOENT)`,
    ]);
  });
});
