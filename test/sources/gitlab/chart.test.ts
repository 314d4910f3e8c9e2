import { describe, expect, it } from 'vitest';
import { chartName, pinnedChartVersion } from '../../../src/sources/gitlab/chart.js';

describe('chartName', () => {
  it.each<[string, string, { name?: string; finding?: string }]>([
    ['the name', 'apiVersion: v2\nname: platform-service\nversion: 4.2.1\n', { name: 'platform-service' }],
    ['a name with surrounding spaces', 'name: " platform-service "\n', { name: 'platform-service' }],
    ['no name', 'apiVersion: v2\nversion: 4.2.1\n', { finding: 'Chart.yaml: the chart has no name' }],
    ['an empty name', 'name: ""\n', { finding: 'Chart.yaml: the chart has no name' }],
    ['an empty file', '', { finding: 'Chart.yaml: the chart has no name' }],
    ['not a mapping', '- name: x\n', { finding: 'Chart.yaml: the chart has no name' }],
    [
      'invalid YAML',
      'name: [x\n',
      { finding: 'Chart.yaml: invalid YAML at 2:1: Flow sequence in block collection must be sufficiently indented and end with a ]' },
    ],
  ])('%s', (_name, text, expected) => {
    expect(chartName(text)).toEqual(expected);
  });
});

const CENTRAL = 'platform-service';
const TAGS = ['v4.1.0', 'v4.2.0', 'v4.2.1', 'v4.3.0', 'v4.4.0-rc.1', 'v5.0.0', 'latest', 'v3.9.2'];

/** A service's Chart.yaml depending on the central chart at `version`, after another dependency. */
const chart = (version: string): string =>
  [
    'apiVersion: v2',
    'name: checkout',
    'version: 0.1.0',
    'dependencies:',
    '  - name: redis',
    '    version: 17.0.0',
    '    repository: oci://registry-1.docker.io/bitnamicharts',
    `  - name: ${CENTRAL}`,
    `    version: ${version}`,
    '    repository: oci://registry.example.com/charts',
    '',
  ].join('\n');

describe('pinnedChartVersion: exact versions, as written without v', () => {
  it.each([
    ['4.2.0', '4.2.0'],
    ['"4.2.0"', '4.2.0'],
    ['v4.2.0', '4.2.0'],
    ['4.2.0+build.3', '4.2.0+build.3'],
    // A pin needs no tags, even to a version no tag has (yet).
    ['5.0.0-rc.2', '5.0.0-rc.2'],
    ['9.9.9', '9.9.9'],
  ])('%s -> %s', (written, version) => {
    expect(pinnedChartVersion(chart(written), CENTRAL, TAGS)).toEqual({ version });
    expect(pinnedChartVersion(chart(written), CENTRAL)).toEqual({ version });
  });
});

describe('pinnedChartVersion: ranges resolve to the highest stable release they allow', () => {
  it.each([
    ['^4.2.0', '4.3.0'],
    ['~4.2', '4.2.1'],
    ['~4.2.0', '4.2.1'],
    ['4.x', '4.3.0'],
    ['">=4 <5"', '4.3.0'],
    // Helm's comma-joined constraints.
    ['">= 4.1, < 4.3"', '4.2.1'],
    ['"4.2.0 - 4.2.5"', '4.2.1'],
    ['"*"', '5.0.0'],
    ['"=4.1.0"', '4.1.0'],
    // YAML reads 4.2 as a number; Helm reads the string "4.2", a range of 4.2.x.
    ['4.2', '4.2.1'],
    ['">=3 <4 || >=5"', '5.0.0'],
  ])('%s -> %s', (written, version) => {
    expect(pinnedChartVersion(chart(written), CENTRAL, TAGS)).toEqual({ version, followsReleases: true });
  });

  it.each<[string, string, readonly string[] | undefined, string]>([
    [
      'a range without tags',
      '^4.2.0',
      undefined,
      'Chart.yaml: dependency platform-service: range "^4.2.0" cannot be resolved without the chart\'s release tags',
    ],
    [
      'a range with no stable tags',
      '^4.2.0',
      ['latest', 'v4.4.0-rc.1'],
      'Chart.yaml: dependency platform-service: range "^4.2.0" cannot be resolved without the chart\'s release tags',
    ],
    ['a range nothing satisfies', '^6.0.0', TAGS, 'Chart.yaml: dependency platform-service: no chart release satisfies "^6.0.0"'],
    // Only a pre-release would satisfy it, and ranges resolve to stable releases.
    [
      'a range only a pre-release satisfies',
      '~4.4.0',
      TAGS,
      'Chart.yaml: dependency platform-service: no chart release satisfies "~4.4.0"',
    ],
    ['neither a version nor a range', 'latest', TAGS, 'Chart.yaml: dependency platform-service: "latest" is neither a version nor a range'],
    ['an empty version', '""', TAGS, 'Chart.yaml: dependency platform-service has no version'],
  ])('%s: a finding', (_name, written, tags, finding) => {
    expect(pinnedChartVersion(chart(written), CENTRAL, tags)).toEqual({ finding });
  });
});

describe('pinnedChartVersion: no such dependency is unknown, not a finding', () => {
  it.each([
    ['no dependencies', 'apiVersion: v2\nname: checkout\nversion: 0.1.0\n'],
    ['an empty dependency list', 'name: checkout\ndependencies: []\n'],
    ['dependencies that are not a list', 'name: checkout\ndependencies:\n  platform-service: 4.2.0\n'],
    ['other dependencies only', 'dependencies:\n  - name: redis\n    version: 17.0.0\n'],
    ['a name in another case', 'dependencies:\n  - name: Platform-Service\n    version: 4.2.0\n'],
    ['an empty file', ''],
  ])('%s', (_name, text) => {
    expect(pinnedChartVersion(text, CENTRAL, TAGS)).toEqual({});
  });

  it('reads the dependency without a version as a finding', () => {
    expect(pinnedChartVersion(`dependencies:\n  - name: ${CENTRAL}\n    repository: oci://x\n`, CENTRAL, TAGS)).toEqual({
      finding: 'Chart.yaml: dependency platform-service has no version',
    });
  });

  it('takes the first entry when the chart is a dependency twice, under aliases', () => {
    const text = `dependencies:\n  - name: ${CENTRAL}\n    alias: web\n    version: 4.1.0\n  - name: ${CENTRAL}\n    alias: worker\n    version: 4.2.1\n`;
    expect(pinnedChartVersion(text, CENTRAL, TAGS)).toEqual({ version: '4.1.0' });
  });

  it('skips entries that are not mappings', () => {
    expect(pinnedChartVersion(`dependencies:\n  - redis\n  - name: ${CENTRAL}\n    version: 4.2.0\n`, CENTRAL, TAGS)).toEqual({
      version: '4.2.0',
    });
  });

  it('reports invalid YAML', () => {
    expect(pinnedChartVersion('dependencies:\n  - name: x\n   version: 1\n', CENTRAL, TAGS)).toEqual({
      finding: 'Chart.yaml: invalid YAML at 3:1: Sequence item without - indicator',
    });
  });
});
