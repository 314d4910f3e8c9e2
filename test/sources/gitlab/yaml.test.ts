import { describe, expect, it, vi } from 'vitest';
import { isMapping, parseYaml, parseYamlDocuments, scalarText } from '../../../src/sources/gitlab/yaml.js';

/** Ten levels of ten aliases each: a billion laughs. */
function aliasBomb(): string {
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 10; level++)
    lines.push(
      `l${level}: &l${level} [${Array(10)
        .fill(`*l${level - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

describe('parseYaml: values', () => {
  it.each([
    ['a mapping', 'name: api\nreplicas: 2\n', { name: 'api', replicas: 2 }],
    ['an empty file', '', null],
    ['a file of comments', '# nothing here\n', null],
    ['a list', '- a\n- b\n', ['a', 'b']],
    [
      'GitLab CI !reference, as a marker',
      'test:\n  script:\n    - !reference [.setup, script]\n    - make test\n',
      { test: { script: [{ $reference: ['.setup', 'script'] }, 'make test'] } },
    ],
    [
      'anchors, aliases and merge keys',
      '.defaults: &defaults\n  image: node:20\n  tags: [docker]\nbuild:\n  <<: *defaults\n  script: make\ntest:\n  <<: [*defaults]\n  image: node:22\n',
      {
        '.defaults': { image: 'node:20', tags: ['docker'] },
        build: { image: 'node:20', tags: ['docker'], script: 'make' },
        test: { image: 'node:22', tags: ['docker'] },
      },
    ],
    ['an unknown scalar tag, read as if untagged', 'secret: !vault path/to/secret\n', { secret: 'path/to/secret' }],
    ['an unknown collection tag, read as if untagged', 'a: !custom {b: 1}\nc: !custom [d]\n', { a: { b: 1 }, c: ['d'] }],
    ['a repeated key, whose last value counts', 'image: a\nimage: b\n', { image: 'b' }],
    ['only the first document', 'a: 1\n---\nb: 2\n', { a: 1 }],
  ])('%s', (_name, text, value) => {
    expect(parseYaml(text, 'f.yml')).toEqual({ value });
  });
});

describe('parseYaml: errors name the file and the line:column of the first problem', () => {
  it.each([
    [
      'an unclosed flow sequence',
      'a: 1\nb: [1, 2\n',
      'ci/x.yml: invalid YAML at 3:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['an unclosed quote', "a: 'open\n", "ci/x.yml: invalid YAML at 2:1: Missing closing 'quote"],
    ['a nested compact mapping', 'a: b: c\n', 'ci/x.yml: invalid YAML at 1:4: Nested mappings are not allowed in compact mappings'],
    ['tab indentation', 'a:\n\t- b\n', 'ci/x.yml: invalid YAML at 2:1: Tabs are not allowed as indentation'],
    [
      'an error in a later document',
      'a: 1\n---\nb: [\n',
      'ci/x.yml: invalid YAML at 4:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['an alias without an anchor', 'a: 1\nb: *nowhere\n', 'ci/x.yml: invalid YAML at 2:4: alias *nowhere has no anchor before it'],
    ['an alias before its anchor', 'a: *later\nb: &later 1\n', 'ci/x.yml: invalid YAML at 1:4: alias *later has no anchor before it'],
    ['an alias inside its own anchor', 'a: &self [1, *self]\n', 'ci/x.yml: invalid YAML at 1:14: alias *self is inside its own anchor'],
    ['a merge key of a scalar', 'a: &one 1\nb:\n  <<: *one\n', 'ci/x.yml: invalid YAML: Merge sources must be maps or map aliases'],
    ['a merge key of a list of scalars', 'b:\n  <<: [1, 2]\n', 'ci/x.yml: invalid YAML: Merge sources must be maps or map aliases'],
    ['an alias bomb', aliasBomb(), 'ci/x.yml: more than 10000 alias expansions; the file is not read'],
  ])('%s', (_name, text, error) => {
    expect(parseYaml(text, 'ci/x.yml')).toEqual({ error });
  });

  it('accepts one anchor reused in many jobs', () => {
    const jobs = Array.from({ length: 500 }, (_, i) => `job${i}:\n  <<: *defaults\n  script: run ${i}\n`).join('');
    expect(parseYaml(`.defaults: &defaults\n  image: node:20\n${jobs}`, 'ci.yml')).toMatchObject({
      value: { job0: { image: 'node:20', script: 'run 0' }, job499: { image: 'node:20', script: 'run 499' } },
    });
  });
});

describe('parseYaml: warnings', () => {
  it('prints nothing for a warning, such as a collection used as a key', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    try {
      expect(parseYaml('? [a, b]\n: 1\nx: !unknown y\n', 'f.yml')).toEqual({ value: { '[ a, b ]': 1, x: 'y' } });
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
    }
  });
});

describe('parseYamlDocuments', () => {
  it.each([
    ['one document', 'a: 1\n', [{ a: 1 }]],
    [
      'a spec header and the configuration',
      'spec:\n  inputs:\n    stage: {}\n---\ninclude: x.yml\n',
      [{ spec: { inputs: { stage: {} } } }, { include: 'x.yml' }],
    ],
    ['an empty stream', '', []],
    ['an empty second document', 'a: 1\n---\n', [{ a: 1 }, null]],
  ])('%s', (_name, text, values) => {
    expect(parseYamlDocuments(text, 'f.yml')).toEqual({ values });
  });
});

describe('isMapping', () => {
  it.each([
    [{ a: 1 }, true],
    [{}, true],
    [[], false],
    [null, false],
    ['a', false],
    [undefined, false],
  ])('%j -> %s', (value, expected) => {
    expect(isMapping(value)).toBe(expected);
  });
});

describe('scalarText', () => {
  it.each([
    ['4.2.0', '4.2.0'],
    [' main ', 'main'],
    [4.2, '4.2'],
    [2, '2'],
    ['', ''],
    [true, undefined],
    [null, undefined],
    [['a'], undefined],
    [{ a: 1 }, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(scalarText(value)).toBe(expected);
  });
});
