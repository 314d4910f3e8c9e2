import { describe, expect, it } from 'vitest';
import type { ServiceFolder } from '../../../src/sources/gitlab/tree.js';
import { serviceName } from '../../../src/sources/gitlab/values.js';

const ROOT: ServiceFolder = { path: '', valuesFile: 'values.yaml', chartFile: 'Chart.yaml' };
const API: ServiceFolder = { path: 'services/api', valuesFile: 'services/api/values.yaml' };
const PROJECT = 'payments/backend/checkout';

describe('serviceName', () => {
  it.each<[string, ServiceFolder, string | undefined, { name: string; finding?: string }]>([
    ['nameOverride', API, 'nameOverride: orders\nreplicas: 2\n', { name: 'orders' }],
    ['nameOverride before fullnameOverride', API, 'fullnameOverride: orders-full\nnameOverride: orders\n', { name: 'orders' }],
    ['fullnameOverride without nameOverride', API, 'fullnameOverride: orders-full\n', { name: 'orders-full' }],
    [
      'an empty nameOverride falls through to fullnameOverride',
      API,
      'nameOverride: ""\nfullnameOverride: orders-full\n',
      { name: 'orders-full' },
    ],
    ['blank overrides: the folder', API, 'nameOverride: "  "\nfullnameOverride: ""\n', { name: 'api' }],
    ['an override is trimmed', API, 'nameOverride: " orders "\n', { name: 'orders' }],
    ['a null override: the folder', API, 'nameOverride:\n', { name: 'api' }],
    ['a number is no name', API, 'nameOverride: 42\n', { name: 'api' }],
    ['a mapping is no name', API, 'nameOverride:\n  value: orders\n', { name: 'api' }],
    ['no override: the folder', API, 'replicas: 2\n', { name: 'api' }],
    ['an override nested under another key is not the chart name', API, 'global:\n  nameOverride: orders\n', { name: 'api' }],
    ['no override at the root: the project', ROOT, 'replicas: 2\n', { name: 'checkout' }],
    ['an override at the root', ROOT, 'nameOverride: checkout-api\n', { name: 'checkout-api' }],
    ['an empty values file', API, '', { name: 'api' }],
    ['no values text (not read)', API, undefined, { name: 'api' }],
    ['no values text at the root', ROOT, undefined, { name: 'checkout' }],
    ['an override from a merge key', API, 'base: &base\n  nameOverride: orders\n<<: *base\n', { name: 'orders' }],
    [
      'invalid YAML: the folder, and a finding',
      API,
      'nameOverride: orders\nimage: [a\n',
      {
        name: 'api',
        finding:
          'services/api/values.yaml: invalid YAML at 3:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ],
    [
      'invalid YAML at the root: the project, and a finding',
      ROOT,
      'a: b: c\n',
      { name: 'checkout', finding: 'values.yaml: invalid YAML at 1:4: Nested mappings are not allowed in compact mappings' },
    ],
    [
      'values that are not a mapping',
      API,
      '- nameOverride: orders\n',
      { name: 'api', finding: 'services/api/values.yaml: the values are not a mapping, so no name override is read' },
    ],
  ])('%s', (_name, folder, text, expected) => {
    expect(serviceName(folder, text, PROJECT)).toEqual(expected);
  });

  it.each([
    ['a/b/c', 'c'],
    ['/group/project/', 'project'],
    ['project', 'project'],
  ])('a root service of project %j is named %j', (projectPath, name) => {
    expect(serviceName(ROOT, undefined, projectPath)).toEqual({ name });
  });

  it('names a folder with odd characters by its last segment', () => {
    expect(serviceName({ path: 'services/my api', valuesFile: 'services/my api/values.yaml' }, 'a: 1\n', PROJECT)).toEqual({
      name: 'my api',
    });
  });
});
