import { describe, expect, it } from 'vitest';
import { serviceFolders, type ServiceFolder, type TreeEntry } from '../../../src/sources/gitlab/tree.js';

/** A tree listing from file paths: every folder on the way is a `tree` row, as GitLab lists them. */
function listing(...files: string[]): TreeEntry[] {
  const folders = new Set(
    files.flatMap((file) =>
      file
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  return [...[...folders].map((path) => ({ path, type: 'tree' as const })), ...files.map((path) => ({ path, type: 'blob' as const }))];
}

const VALUES = ['values.yaml'];

describe('serviceFolders', () => {
  it.each<[string, string[], readonly string[], ServiceFolder[]]>([
    [
      'a single service at the root',
      ['values.yaml', 'Chart.yaml', 'templates/deployment.yaml', 'src/main.ts'],
      VALUES,
      [{ path: '', valuesFile: 'values.yaml', chartFile: 'Chart.yaml' }],
    ],
    ['a root service without a Chart.yaml', ['values.yaml', 'README.md'], VALUES, [{ path: '', valuesFile: 'values.yaml' }]],
    [
      'a monorepo',
      ['services/b/values.yaml', 'services/b/Chart.yaml', 'services/a/values.yaml', 'services/a/Chart.yaml', 'README.md'],
      VALUES,
      [
        { path: 'services/a', valuesFile: 'services/a/values.yaml', chartFile: 'services/a/Chart.yaml' },
        { path: 'services/b', valuesFile: 'services/b/values.yaml', chartFile: 'services/b/Chart.yaml' },
      ],
    ],
    [
      'the root and a sub-folder, both services',
      ['values.yaml', 'Chart.yaml', 'worker/values.yaml'],
      VALUES,
      [
        { path: '', valuesFile: 'values.yaml', chartFile: 'Chart.yaml' },
        { path: 'worker', valuesFile: 'worker/values.yaml' },
      ],
    ],
    [
      'a vendored chart in a charts/ folder at the root',
      ['values.yaml', 'Chart.yaml', 'charts/redis/values.yaml', 'charts/redis/Chart.yaml'],
      VALUES,
      [{ path: '', valuesFile: 'values.yaml', chartFile: 'Chart.yaml' }],
    ],
    [
      "a service chart's dependencies under its charts/ folder, nested deeper",
      [
        'services/api/values.yaml',
        'services/api/Chart.yaml',
        'services/api/charts/redis/values.yaml',
        'services/api/charts/redis/Chart.yaml',
        'services/api/charts/redis/charts/common/values.yaml',
        'services/api/charts/redis/charts/common/Chart.yaml',
      ],
      VALUES,
      [{ path: 'services/api', valuesFile: 'services/api/values.yaml', chartFile: 'services/api/Chart.yaml' }],
    ],
    ['a charts/ folder holding a values file itself', ['charts/values.yaml', 'deploy/charts/web/values.yaml'], VALUES, []],
    [
      'folders only named like charts/ are services',
      ['charts-lib/values.yaml', 'mycharts/values.yaml', 'Charts/values.yaml'],
      VALUES,
      [
        { path: 'Charts', valuesFile: 'Charts/values.yaml' },
        { path: 'charts-lib', valuesFile: 'charts-lib/values.yaml' },
        { path: 'mycharts', valuesFile: 'mycharts/values.yaml' },
      ],
    ],
    [
      'values files named by the parameter',
      ['deploy/values.yml', 'api/helm-values.yaml', 'web/values.yaml'],
      ['values.yml', 'helm-values.yaml'],
      [
        { path: 'api', valuesFile: 'api/helm-values.yaml' },
        { path: 'deploy', valuesFile: 'deploy/values.yml' },
      ],
    ],
    [
      'two values file names in one folder: the first name wins, in either listing order',
      ['a/values.yaml', 'a/values.yml', 'b/values.yml', 'b/values.yaml'],
      ['values.yml', 'values.yaml'],
      [
        { path: 'a', valuesFile: 'a/values.yml' },
        { path: 'b', valuesFile: 'b/values.yml' },
      ],
    ],
    [
      'paths with odd characters',
      ['services/my api/values.yaml', 'services/ünïcode/values.yaml', 'services/a.b#c/values.yaml', 'services/100%/values.yaml'],
      VALUES,
      [
        { path: 'services/100%', valuesFile: 'services/100%/values.yaml' },
        { path: 'services/a.b#c', valuesFile: 'services/a.b#c/values.yaml' },
        { path: 'services/my api', valuesFile: 'services/my api/values.yaml' },
        { path: 'services/ünïcode', valuesFile: 'services/ünïcode/values.yaml' },
      ],
    ],
    [
      'names that only resemble a values file or a Chart.yaml',
      ['a/values.yaml.bak', 'a/Values.yaml', 'b/values.yaml', 'b/chart.yaml', 'b/Chart.yml'],
      VALUES,
      [{ path: 'b', valuesFile: 'b/values.yaml' }],
    ],
    ['no values file', ['README.md', 'src/index.ts'], VALUES, []],
    ['no values file names', ['values.yaml'], [], []],
  ])('%s', (_name, files, valuesFiles, expected) => {
    expect(serviceFolders(listing(...files), valuesFiles)).toEqual(expected);
  });

  it('sorts by path, whatever order the listing has', () => {
    const files = ['z/values.yaml', 'values.yaml', 'B/values.yaml', 'a/values.yaml', 'a/b/values.yaml'];
    const expected = ['', 'B', 'a', 'a/b', 'z'];
    expect(serviceFolders(listing(...files), VALUES).map((folder) => folder.path)).toEqual(expected);
    expect(serviceFolders(listing(...files).reverse(), VALUES).map((folder) => folder.path)).toEqual(expected);
  });

  it('reads only files: a folder named values.yaml is not a values file', () => {
    const entries: TreeEntry[] = [
      { path: 'odd/values.yaml', type: 'tree' },
      { path: 'odd/values.yaml/x', type: 'blob' },
      { path: 'odd/Chart.yaml', type: 'blob' },
    ];
    expect(serviceFolders(entries, VALUES)).toEqual([]);
  });

  it('reads a Chart.yaml only as a file', () => {
    const entries: TreeEntry[] = [
      { path: 'api/values.yaml', type: 'blob' },
      { path: 'api/Chart.yaml', type: 'tree' },
    ];
    expect(serviceFolders(entries, VALUES)).toEqual([{ path: 'api', valuesFile: 'api/values.yaml' }]);
  });

  it('counts a file listed twice once', () => {
    const entries = [...listing('api/values.yaml'), ...listing('api/values.yaml')];
    expect(serviceFolders(entries, VALUES)).toEqual([{ path: 'api', valuesFile: 'api/values.yaml' }]);
  });
});
