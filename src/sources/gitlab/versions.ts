import semver from 'semver';

export type Lag = 'current' | 'patch' | 'minor' | 'major' | 'unknown';

/** A version as the catalog shows it: semver without the `v` prefix, or undefined when it is not semver. */
export function normalVersion(version: string | undefined): string | undefined {
  return version === undefined ? undefined : (semver.valid(version) ?? undefined);
}

/** A version as written, without its `v`, when it is one exact semver version (a pin, not a range). */
export function releaseVersion(written: string): string | undefined {
  return semver.valid(written) === null ? undefined : written.trim().replace(/^v/, '');
}

/**
 * Tags that are stable releases, newest version first. Ordered by version, never by date: a 2.1.1
 * backported after 3.0.0 is not the latest. Two tags of one version (`v1.2.0`, `1.2.0`) are ordered by name.
 */
export function stableTags(tags: readonly string[]): { tag: string; version: string }[] {
  const stable = tags.flatMap((tag) => {
    const version = normalVersion(tag);
    return version === undefined || semver.prerelease(version) !== null ? [] : [{ tag, version }];
  });
  return stable.sort((a, b) => semver.rcompare(a.version, b.version) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** The highest stable release among the tags. */
export function latestVersion(tags: readonly string[]): string | undefined {
  return stableTags(tags)[0]?.version;
}

/**
 * How far `version` is behind `latest`. A version at or ahead of the latest release (pinned to a
 * pre-release of the next one, or to a release not yet tagged stable) is current: it is not behind.
 * A pre-release of the latest release itself (4.2.0-rc.1 against 4.2.0) is a patch behind: the
 * smallest lag there is, since only the release's own fixes are missing.
 */
export function lagOf(version: string | undefined, latest: string | undefined): Lag {
  const pinned = normalVersion(version);
  const newest = normalVersion(latest);
  if (pinned === undefined || newest === undefined) return 'unknown';
  if (semver.gte(pinned, newest)) return 'current';
  if (semver.major(pinned) !== semver.major(newest)) return 'major';
  if (semver.minor(pinned) !== semver.minor(newest)) return 'minor';
  return 'patch';
}

/**
 * How many stable releases are newer than `version` (two tags of one version count once). Null when
 * the version is not semver, or when there is no stable release to compare with: 0 would claim current.
 */
export function releasesBehind(version: string | undefined, tags: readonly string[]): number | null {
  const pinned = normalVersion(version);
  const releases = new Set(stableTags(tags).map(({ version: release }) => release));
  if (pinned === undefined || releases.size === 0) return null;
  return [...releases].filter((release) => semver.gt(release, pinned)).length;
}
