import { describe, expect, it } from 'vitest';
import { lagOf, latestVersion, normalVersion, releasesBehind, releaseVersion, stableTags } from '../../../src/sources/gitlab/versions.js';

describe('normalVersion', () => {
  it.each([
    ['1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    ['2.0.0-rc.1', '2.0.0-rc.1'],
    ['1.2.3+build.7', '1.2.3'],
    ['1.2', undefined],
    ['latest', undefined],
    ['V1.2.3', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %j', (version, expected) => {
    expect(normalVersion(version)).toBe(expected);
  });
});

describe('releaseVersion', () => {
  it.each([
    ['4.2.0', '4.2.0'],
    ['v4.2.0', '4.2.0'],
    [' v4.2.0 ', '4.2.0'],
    ['4.2.0+build.7', '4.2.0+build.7'],
    ['5.0.0-rc.1', '5.0.0-rc.1'],
    ['^4.2.0', undefined],
    ['4.2', undefined],
    ['=4.2.0', undefined],
    ['main', undefined],
  ])('%j -> %j', (written, expected) => {
    expect(releaseVersion(written)).toBe(expected);
  });
});

describe('stableTags', () => {
  it('keeps stable semver tags, newest version first, whatever order they were tagged in', () => {
    const tags = ['v1.0.0', 'v3.0.0', 'latest', '2.0.0-rc.1', 'v2.1.1', '2024-01', 'release-3', 'v2.1.0', '1.2', 'v10.0.0', 'v9.9.9'];
    expect(stableTags(tags)).toEqual([
      { tag: 'v10.0.0', version: '10.0.0' },
      { tag: 'v9.9.9', version: '9.9.9' },
      { tag: 'v3.0.0', version: '3.0.0' },
      { tag: 'v2.1.1', version: '2.1.1' },
      { tag: 'v2.1.0', version: '2.1.0' },
      { tag: 'v1.0.0', version: '1.0.0' },
    ]);
  });

  it('orders two tags of one version by name, so the order never depends on the listing', () => {
    expect(stableTags(['v1.2.0', '1.2.0'])).toEqual([
      { tag: '1.2.0', version: '1.2.0' },
      { tag: 'v1.2.0', version: '1.2.0' },
    ]);
    expect(stableTags(['1.2.0', 'v1.2.0'])).toEqual(stableTags(['v1.2.0', '1.2.0']));
  });

  it('is empty without stable tags', () => {
    expect(stableTags([])).toEqual([]);
    expect(stableTags(['main', '3.0.0-beta.2'])).toEqual([]);
  });
});

describe('latestVersion', () => {
  it.each([
    [['v1.0.0', 'v3.0.0', 'v2.1.1'], '3.0.0'],
    // A backport tagged last is not the latest.
    [['v3.0.0', 'v2.1.1'], '3.0.0'],
    [['v3.0.0', 'v4.0.0-rc.1'], '3.0.0'],
    [['1.9.0', '1.10.0'], '1.10.0'],
    [['latest', 'release-3'], undefined],
    [[], undefined],
  ])('%j -> %j', (tags, expected) => {
    expect(latestVersion(tags)).toBe(expected);
  });
});

describe('lagOf', () => {
  it.each([
    ['4.2.1', '4.2.1', 'current'],
    ['v4.2.1', '4.2.1', 'current'],
    ['4.2.1', 'v4.2.1', 'current'],
    ['4.2.0', '4.2.1', 'patch'],
    ['4.1.9', '4.2.1', 'minor'],
    ['3.9.9', '4.0.0', 'major'],
    ['1.0.0', '4.2.1', 'major'],
    // Build metadata does not make two versions different.
    ['4.2.1+build.2', '4.2.1', 'current'],
    // Ahead of the latest release (an unreleased pre-release, or a release not tagged yet): not behind.
    ['5.0.0-rc.1', '4.2.1', 'current'],
    ['4.3.0', '4.2.1', 'current'],
    // A pre-release of the latest release misses only that release's fixes.
    ['4.2.1-rc.1', '4.2.1', 'patch'],
    ['4.2.0-rc.1', '4.3.0', 'minor'],
    [undefined, '4.2.1', 'unknown'],
    ['4.2.1', undefined, 'unknown'],
    ['main', '4.2.1', 'unknown'],
    ['4.2', '4.2.1', 'unknown'],
    ['4.2.1', 'latest', 'unknown'],
  ] as const)('%j against %j -> %s', (version, latest, expected) => {
    expect(lagOf(version, latest)).toBe(expected);
  });
});

describe('releasesBehind', () => {
  const tags = ['v1.0.0', 'v1.1.0', 'v2.0.0', 'v2.0.1', 'v2.1.0-rc.1', 'latest', '2.0.1'];

  it.each([
    ['1.0.0', 3],
    ['v1.0.0', 3],
    ['1.1.0', 2],
    // Two tags of 2.0.1 are one release.
    ['2.0.0', 1],
    ['2.0.1', 0],
    // A pre-release in the tags is no release.
    ['2.1.0-rc.1', 0],
    ['3.0.0', 0],
    ['0.9.0', 4],
    ['1.0.5', 3],
    [undefined, null],
    ['main', null],
  ])('%j -> %j', (version, expected) => {
    expect(releasesBehind(version, tags)).toBe(expected);
  });

  it('is unknown (null) without stable tags: 0 would claim the version is current', () => {
    expect(releasesBehind('1.0.0', [])).toBeNull();
    expect(releasesBehind('1.0.0', ['latest', '2.0.0-rc.1'])).toBeNull();
  });
});
