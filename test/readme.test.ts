import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentedFiles, renderConfigTable, withConfigTable } from '../scripts/config-table.js';
import { WITH_PROBE } from './config/probe-source.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');

describe('README', () => {
  it('documents exactly the settings the loader reads (run npm run docs:config after changing them)', () => {
    expect(withConfigTable(readme)).toBe(readme);
  });

  it.each(documentedFiles().map((file) => [file.path, file.render] as const))(
    '%s documents its settings as the rows say',
    (path, render) => {
      const text = read(path);
      expect(render(text)).toBe(text);
    },
  );

  it("lists a registered source's rows under its own heading, its secret's file variant included", () => {
    const table = renderConfigTable(WITH_PROBE);
    const probe = table.slice(table.indexOf('### probe source'));
    expect(probe).toContain('| `PROBE_TOKEN` | `probe.token` | — |');
    expect(probe).toContain('| `PROBE_TOKEN_FILE` | `probe.tokenFile` | — |');
    expect(table.match(/\| `AWS_REGIONS` \|/g)).toHaveLength(1);
  });

  it('starts a fresh machine with the demo and the tests', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/#.*$/, '').trim());
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });
});
