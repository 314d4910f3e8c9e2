import { describe, expect, it } from 'vitest';
import { pipelineVersion, type PipelineOptions, type PipelineResult } from '../../../src/sources/gitlab/pipeline.js';

const CENTRAL = 'platform/pipelines';
const HOST = 'gitlab.example.com';
const TAGS = ['v1.0.0', 'v2.0.0', 'v2.2.0', 'v2.2.3', 'v2.3.0', 'v3.0.0-rc.1', 'latest'];

/** Runs against a repository of `files`; `reads` lists what readLocal was asked, to prove each file is read once. */
async function run(ci: string, files: Record<string, string> = {}, options: Partial<PipelineOptions> = {}) {
  const reads: string[] = [];
  const readLocal = async (path: string): Promise<string | undefined> => {
    reads.push(path);
    return Object.hasOwn(files, path) ? files[path] : undefined;
  };
  const result = await pipelineVersion(ci, { pipelineProject: CENTRAL, host: HOST, readLocal, ...options });
  expect(reads).toEqual(result.filesRead);
  return result;
}

const found = (version: string, filesRead: string[] = []): PipelineResult => ({ version, findings: [], filesRead });
const none = (filesRead: string[] = []): PipelineResult => ({ findings: [], filesRead });

describe('pipelineVersion: every form of include', () => {
  const BASE = { 'ci/base.yml': `include:\n  - project: ${CENTRAL}\n    ref: v2.3.0\n    file: /templates/build.yml\n` };

  it.each<[string, string, PipelineResult]>([
    ['a map with project, ref and file', `include:\n  project: ${CENTRAL}\n  ref: 2.3.0\n  file: build.yml\n`, found('2.3.0')],
    ['a list of one map', `include:\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: build.yml\n`, found('2.3.0')],
    ['file as a list', `include:\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: [build.yml, test.yml]\n`, found('2.3.0')],
    ['a flow-style map', `include: { project: '${CENTRAL}', ref: 'v2.2.3', file: 'build.yml' }\n`, found('2.2.3')],
    ['a ref with a v, normalised', `include:\n  project: ${CENTRAL}\n  ref: v2.3.0\n  file: build.yml\n`, found('2.3.0')],
    ['a branch, kept as written', `include:\n  project: ${CENTRAL}\n  ref: main\n  file: build.yml\n`, found('main')],
    ['a commit, kept as written', `include:\n  project: ${CENTRAL}\n  ref: 4f2a9c1e\n  file: build.yml\n`, found('4f2a9c1e')],
    ['a ref YAML reads as a number', `include:\n  project: ${CENTRAL}\n  ref: 2.3\n  file: build.yml\n`, found('2.3')],
    ['the project path in another case', `include:\n  project: Platform/Pipelines\n  ref: 2.3.0\n  file: b.yml\n`, found('2.3.0')],
    ['the project path with a leading /', `include:\n  project: /${CENTRAL}\n  ref: 2.3.0\n  file: b.yml\n`, found('2.3.0')],
    ['a string: a local file', 'include: ci/base.yml\n', found('2.3.0', ['ci/base.yml'])],
    ['a string with a leading /: a local file from the root', 'include: /ci/base.yml\n', found('2.3.0', ['ci/base.yml'])],
    ['a list of strings', 'include:\n  - https://example.com/ci.yml\n  - ci/base.yml\n', found('2.3.0', ['ci/base.yml'])],
    ['a local map', 'include:\n  - local: ci/base.yml\n', found('2.3.0', ['ci/base.yml'])],
    [
      'a local map with rules, which are not evaluated',
      'include:\n  - local: ci/base.yml\n    rules:\n      - if: $CI_COMMIT_BRANCH == "main"\n',
      found('2.3.0', ['ci/base.yml']),
    ],
    ['a remote URL string, ignored', 'include: https://example.com/platform/pipelines/-/raw/v2.3.0/build.yml\n', none()],
    ['a remote map, ignored', 'include:\n  - remote: https://example.com/ci.yml\n', none()],
    ['a template, ignored', 'include:\n  - template: Auto-DevOps.gitlab-ci.yml\n', none()],
    ['another project', 'include:\n  - project: platform/other\n    ref: 2.3.0\n    file: b.yml\n', none()],
    ['a project whose path only starts like it', `include:\n  - project: ${CENTRAL}-legacy\n    ref: 2.3.0\n    file: b.yml\n`, none()],
    ['no include', 'build:\n  script: make\n', none()],
    ['an empty include', 'include:\n', none()],
    ['an empty file', '', none()],
    ['entries of no known form', 'include:\n  - 42\n  - null\n  - [ci/base.yml]\n  - file: build.yml\n', none()],
  ])('%s', async (_name, ci, expected) => {
    expect(await run(ci, BASE)).toStrictEqual(expected);
  });

  it('reads an include of the pipeline project without a ref as unknown, without a finding, and looks no further', async () => {
    const ci = `include:\n  - project: ${CENTRAL}\n    file: build.yml\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: test.yml\n`;
    expect(await run(ci)).toStrictEqual(none());
    expect(await run(`include:\n  - project: ${CENTRAL}\n    ref: ''\n    file: b.yml\n`)).toStrictEqual(none());
  });
});

describe('pipelineVersion: CI/CD components', () => {
  it.each<[string, string, PipelineResult]>([
    ['a pinned version', `${HOST}/${CENTRAL}/build@2.2.3`, found('2.2.3')],
    ['a pinned version with a v', `${HOST}/${CENTRAL}/build@v2.2.3`, found('2.2.3')],
    ['the host as $CI_SERVER_FQDN', `$CI_SERVER_FQDN/${CENTRAL}/build@2.2.3`, found('2.2.3')],
    ['the host as ${CI_SERVER_HOST}', `\${CI_SERVER_HOST}/${CENTRAL}/build@2.2.3`, found('2.2.3')],
    ['the host in another case', `GitLab.Example.com/${CENTRAL}/build@2.2.3`, found('2.2.3')],
    ['the project path in another case', `${HOST}/Platform/Pipelines/build@2.2.3`, found('2.2.3')],
    ['~latest, resolved against the tags', `${HOST}/${CENTRAL}/build@~latest`, { ...found('2.3.0'), followsReleases: true }],
    ['a major version, resolved against the tags', `${HOST}/${CENTRAL}/build@2`, { ...found('2.3.0'), followsReleases: true }],
    ['a major.minor version, resolved against the tags', `${HOST}/${CENTRAL}/build@2.2`, { ...found('2.2.3'), followsReleases: true }],
    ['a branch, kept as written', `${HOST}/${CENTRAL}/build@main`, found('main')],
    ['another host', `gitlab.com/${CENTRAL}/build@2.2.3`, none()],
    ['another project', `${HOST}/platform/other/build@2.2.3`, none()],
    ['a project nested below the pipeline project', `${HOST}/${CENTRAL}/extra/build@2.2.3`, none()],
    ['too few segments to name a project', `${HOST}/build@2.2.3`, none()],
    [
      'no version',
      `${HOST}/${CENTRAL}/build`,
      {
        findings: [
          {
            file: '.gitlab-ci.yml',
            message: `.gitlab-ci.yml: component ${HOST}/${CENTRAL}/build has no version; the pipeline version is unknown`,
          },
        ],
        filesRead: [],
      },
    ],
    [
      'an empty version',
      `${HOST}/${CENTRAL}/build@`,
      {
        findings: [
          {
            file: '.gitlab-ci.yml',
            message: `.gitlab-ci.yml: component ${HOST}/${CENTRAL}/build@ has no version; the pipeline version is unknown`,
          },
        ],
        filesRead: [],
      },
    ],
    [
      'a release series nothing satisfies',
      `${HOST}/${CENTRAL}/build@4`,
      {
        findings: [
          { file: '.gitlab-ci.yml', message: `.gitlab-ci.yml: component ${HOST}/${CENTRAL}/build@4: no release of ${CENTRAL} matches 4` },
        ],
        filesRead: [],
      },
    ],
    [
      'another variable in the address',
      `$REGISTRY/${CENTRAL}/build@2.2.3`,
      {
        findings: [
          {
            file: '.gitlab-ci.yml',
            message: `.gitlab-ci.yml: component $REGISTRY/${CENTRAL}/build@2.2.3 names a CI/CD variable, whose value is not in the repository; it is not compared with ${CENTRAL}`,
          },
        ],
        filesRead: [],
      },
    ],
  ])('%s', async (_name, component, expected) => {
    expect(await run(`include:\n  - component: ${component}\n    inputs:\n      stage: build\n`, {}, { tags: TAGS })).toStrictEqual(
      expected,
    );
  });

  it('cannot resolve a release series without the tags', async () => {
    expect(await run(`include:\n  - component: ${HOST}/${CENTRAL}/build@~latest\n`)).toStrictEqual({
      findings: [
        {
          file: '.gitlab-ci.yml',
          message: `.gitlab-ci.yml: component ${HOST}/${CENTRAL}/build@~latest follows ~latest, which cannot be resolved without the release tags of ${CENTRAL}`,
        },
      ],
      filesRead: [],
    });
  });

  it('needs no tags for a pinned version', async () => {
    expect(await run(`include:\n  - component: ${HOST}/${CENTRAL}/build@2.2.3\n`)).toStrictEqual(found('2.2.3'));
  });
});

describe('pipelineVersion: variables', () => {
  it('cannot resolve a ref variable, even one the file defines: GitLab does not expand top-level variables in include', async () => {
    const ci = `variables:\n  PIPELINE_VERSION: 2.3.0\ninclude:\n  - project: ${CENTRAL}\n    ref: $PIPELINE_VERSION\n    file: build.yml\n  - project: ${CENTRAL}\n    ref: 2.2.3\n    file: test.yml\n`;
    expect(await run(ci)).toStrictEqual({
      findings: [
        {
          file: '.gitlab-ci.yml',
          message: `.gitlab-ci.yml: include of ${CENTRAL} names its ref with a CI/CD variable ($PIPELINE_VERSION), whose value is not in the repository; the pipeline version is unknown`,
        },
      ],
      filesRead: [],
    });
  });

  it('reports a ref of the form ${VAR} and one with a variable inside', async () => {
    for (const ref of ['${PIPELINE_VERSION}', 'v$MAJOR.0.0']) {
      const result = await run(`include:\n  project: ${CENTRAL}\n  ref: "${ref}"\n  file: build.yml\n`);
      expect(result.version).toBeUndefined();
      expect(result.findings.map((finding) => finding.message)).toEqual([
        `.gitlab-ci.yml: include of ${CENTRAL} names its ref with a CI/CD variable (${ref}), whose value is not in the repository; the pipeline version is unknown`,
      ]);
    }
  });

  it('cannot compare a project named by a variable, and goes on to the next include', async () => {
    const ci = `include:\n  - project: $CI_PROJECT_NAMESPACE/pipelines\n    ref: 1.0.0\n    file: build.yml\n  - project: ${CENTRAL}\n    ref: 2.2.3\n    file: test.yml\n`;
    expect(await run(ci)).toStrictEqual({
      version: '2.2.3',
      findings: [
        {
          file: '.gitlab-ci.yml',
          message: `.gitlab-ci.yml: include of project $CI_PROJECT_NAMESPACE/pipelines names a CI/CD variable, whose value is not in the repository; it is not compared with ${CENTRAL}`,
        },
      ],
      filesRead: [],
    });
  });
});

describe('pipelineVersion: YAML features', () => {
  it('reads a file using !reference', async () => {
    const ci = `.setup:\n  script: [npm ci]\ninclude:\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: build.yml\ntest:\n  script:\n    - !reference [.setup, script]\n    - npm test\n`;
    expect(await run(ci)).toStrictEqual(found('2.3.0'));
  });

  it('resolves an include given through an anchor and a merge key', async () => {
    const ci = `.central: &central\n  project: ${CENTRAL}\n  file: build.yml\ninclude:\n  - <<: *central\n    ref: v2.2.3\n`;
    expect(await run(ci)).toStrictEqual(found('2.2.3'));
  });

  it('resolves an include list given through an alias', async () => {
    const ci = `.includes: &includes\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: build.yml\ninclude: *includes\n`;
    expect(await run(ci)).toStrictEqual(found('2.3.0'));
  });

  it('reads the configuration after a spec: header', async () => {
    const files = {
      'ci/with-inputs.yml': `spec:\n  inputs:\n    stage:\n      default: test\n---\ninclude:\n  - project: ${CENTRAL}\n    ref: 2.2.3\n    file: b.yml\n`,
    };
    expect(await run('include: ci/with-inputs.yml\n', files)).toStrictEqual(found('2.2.3', ['ci/with-inputs.yml']));
  });

  it('reads only the first document when the first is no spec: header', async () => {
    const ci = `build:\n  script: make\n---\ninclude:\n  project: ${CENTRAL}\n  ref: 2.2.3\n  file: b.yml\n`;
    expect(await run(ci)).toStrictEqual(none());
  });
});

describe('pipelineVersion: local files', () => {
  it('follows a local include to a second local file that includes the pipeline project', async () => {
    const files = {
      'ci/main.yml': 'include:\n  - local: ci/deploy.yml\n',
      'ci/deploy.yml': `include:\n  - project: ${CENTRAL}\n    ref: v2.2.3\n    file: deploy.yml\n`,
    };
    expect(await run('include: ci/main.yml\n', files)).toStrictEqual(found('2.2.3', ['ci/main.yml', 'ci/deploy.yml']));
  });

  it('takes the first include in document order, depth-first, and reads no further', async () => {
    const files = {
      'a.yml': 'include:\n  - local: a1.yml\n',
      'a1.yml': `include:\n  - project: ${CENTRAL}\n    ref: 1.0.0\n    file: b.yml\n`,
      'b.yml': `include:\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: b.yml\n`,
    };
    const ci = `include:\n  - local: a.yml\n  - project: ${CENTRAL}\n    ref: 2.2.3\n    file: b.yml\n  - local: b.yml\n`;
    expect(await run(ci, files)).toStrictEqual(found('1.0.0', ['a.yml', 'a1.yml']));
  });

  it('reads each file once: a cycle of local includes ends', async () => {
    const files = {
      'a.yml': 'include:\n  - local: b.yml\n',
      'b.yml': 'include:\n  - local: /a.yml\n  - local: .gitlab-ci.yml\n  - local: b.yml\n',
    };
    expect(await run('include:\n  - local: a.yml\n  - local: b.yml\n  - a.yml\n', files)).toStrictEqual(none(['a.yml', 'b.yml']));
  });

  it('goes on past a file included twice, to a later include', async () => {
    const files = {
      'common.yml': 'variables:\n  A: b\n',
      'deploy.yml': `include:\n  - common.yml\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: d.yml\n`,
    };
    expect(await run('include:\n  - common.yml\n  - deploy.yml\n', files)).toStrictEqual(found('2.3.0', ['common.yml', 'deploy.yml']));
  });

  it('reports invalid YAML in a local file, naming it, and goes on', async () => {
    const files = { 'broken.yml': 'include: [\n', 'good.yml': `include:\n  project: ${CENTRAL}\n  ref: 2.3.0\n  file: b.yml\n` };
    expect(await run('include:\n  - broken.yml\n  - good.yml\n', files)).toStrictEqual({
      version: '2.3.0',
      findings: [
        {
          file: 'broken.yml',
          message: 'broken.yml: invalid YAML at 2:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
        },
      ],
      filesRead: ['broken.yml', 'good.yml'],
    });
  });

  it('reports invalid YAML in the CI file itself', async () => {
    expect(await run(`include:\n  project: ${CENTRAL}\n  ref: 2.3.0\n   file: b.yml\n`)).toStrictEqual({
      findings: [
        { file: '.gitlab-ci.yml', message: '.gitlab-ci.yml: invalid YAML at 3:8: Nested mappings are not allowed in compact mappings' },
      ],
      filesRead: [],
    });
  });

  it('names the CI file by ciPath, and does not read it again', async () => {
    const files = { 'a.yml': 'include: ci/pipeline.yml\n' };
    expect(await run('include: [a.yml, "x: y: z"]\n', files, { ciPath: 'ci/pipeline.yml' })).toStrictEqual({
      findings: [{ file: 'ci/pipeline.yml', message: 'ci/pipeline.yml: local include x: y: z does not exist' }],
      filesRead: ['a.yml', 'x: y: z'],
    });
  });

  it('reports a missing local file, naming the file that includes it, and goes on', async () => {
    const files = { 'ci/main.yml': `include:\n  - local: ci/gone.yml\n  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: b.yml\n` };
    expect(await run('include: ci/main.yml\n', files)).toStrictEqual({
      version: '2.3.0',
      findings: [{ file: 'ci/main.yml', message: 'ci/main.yml: local include ci/gone.yml does not exist' }],
      filesRead: ['ci/main.yml', 'ci/gone.yml'],
    });
  });

  it.each([
    ['a wildcard', 'ci/*.yml', '.gitlab-ci.yml: local include ci/*.yml uses a wildcard; the files it matches are not read'],
    ['a double wildcard', 'ci/**.yml', '.gitlab-ci.yml: local include ci/**.yml uses a wildcard; the files it matches are not read'],
    [
      'a variable',
      'ci/$CI_PROJECT_NAME.yml',
      '.gitlab-ci.yml: local include ci/$CI_PROJECT_NAME.yml names a CI/CD variable, whose value is not in the repository; it is not read',
    ],
  ])('does not read a local include with %s', async (_name, path, message) => {
    expect(
      await run(`include:\n  - local: '${path}'\n`, { 'ci/a.yml': `include: {project: ${CENTRAL}, ref: 1.0.0, file: b}\n` }),
    ).toStrictEqual({
      findings: [{ file: '.gitlab-ci.yml', message }],
      filesRead: [],
    });
  });

  /** A chain 0.yml -> 1.yml -> ... -> `last`.yml, which includes the pipeline project. */
  function chain(last: number): Record<string, string> {
    const files: Record<string, string> = {};
    for (let i = 0; i < last; i++) files[`${i}.yml`] = `include: ${i + 1}.yml\n`;
    files[`${last}.yml`] = `include: {project: ${CENTRAL}, ref: 2.3.0, file: b.yml}\n`;
    return files;
  }

  it('follows local includes up to maxDepth', async () => {
    expect(await run('include: 0.yml\n', chain(2), { maxDepth: 3 })).toStrictEqual(found('2.3.0', ['0.yml', '1.yml', '2.yml']));
  });

  it('stops past maxDepth, and says so', async () => {
    expect(await run('include: 0.yml\n', chain(3), { maxDepth: 3 })).toStrictEqual({
      findings: [{ file: '2.yml', message: '2.yml: local include 3.yml is nested more than 3 local includes deep; it is not read' }],
      filesRead: ['0.yml', '1.yml', '2.yml'],
    });
  });

  it('follows ten levels by default', async () => {
    expect((await run('include: 0.yml\n', chain(9))).version).toBe('2.3.0');
    expect((await run('include: 0.yml\n', chain(10))).findings).toEqual([
      { file: '9.yml', message: '9.yml: local include 10.yml is nested more than 10 local includes deep; it is not read' },
    ]);
  });

  it('reads at most 150 files, and says so once', async () => {
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}.yml`, 'x: 1\n']));
    const ci = `include:\n${Object.keys(files)
      .map((path) => `  - ${path}\n`)
      .join('')}  - project: ${CENTRAL}\n    ref: 2.3.0\n    file: b.yml\n`;
    const result = await run(ci, files);
    expect(result.filesRead).toEqual(Object.keys(files).slice(0, 150));
    expect(result.findings).toEqual([
      { file: '.gitlab-ci.yml', message: '.gitlab-ci.yml: local includes after the first 150 are not read' },
    ]);
    expect(result.version).toBe('2.3.0');
  });

  it('lets a failed read through to the caller', async () => {
    const readLocal = async (): Promise<string | undefined> => {
      throw new Error('GitLab answered 503');
    };
    await expect(pipelineVersion('include: a.yml\n', { pipelineProject: CENTRAL, host: HOST, readLocal })).rejects.toThrow(
      'GitLab answered 503',
    );
  });
});
