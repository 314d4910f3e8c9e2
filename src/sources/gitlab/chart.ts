import semver from 'semver';
import { releaseVersion, stableTags } from './versions.js';
import { isMapping, parseYaml, scalarText as text } from './yaml.js';

/** Findings name the file alone: these functions get its text, and the caller knows its folder. */
const FILE = 'Chart.yaml';

/** The chart's own `name`, which services name in their dependencies. */
export function chartName(chartYaml: string): { name?: string; finding?: string } {
  const parsed = parseYaml(chartYaml, FILE);
  if ('error' in parsed) return { finding: parsed.error };
  const name = isMapping(parsed.value) ? text(parsed.value.name) : undefined;
  return name ? { name } : { finding: `${FILE}: the chart has no name` };
}

/**
 * The version of `centralChart` a service's Chart.yaml depends on. An exact version is returned as
 * written (without `v`); a range resolves to the highest stable release tag it allows, which is what
 * `helm dependency update` would pick. No such dependency is a fact ("unknown"), not a finding.
 */
export function pinnedChartVersion(
  chartYaml: string,
  centralChart: string,
  tags?: readonly string[],
): { version?: string; finding?: string; followsReleases?: boolean } {
  const parsed = parseYaml(chartYaml, FILE);
  if ('error' in parsed) return { finding: parsed.error };
  const dependencies = isMapping(parsed.value) ? parsed.value.dependencies : undefined;
  if (!Array.isArray(dependencies)) return {};
  // The first entry wins: Helm allows one chart twice under aliases, each with its own version.
  const dependency = dependencies.find((entry): entry is Record<string, unknown> => isMapping(entry) && text(entry.name) === centralChart);
  if (dependency === undefined) return {};
  const subject = `${FILE}: dependency ${centralChart}`;
  const written = text(dependency.version);
  if (!written) return { finding: `${subject} has no version` };
  const exact = releaseVersion(written);
  if (exact !== undefined) return { version: exact };
  // Helm's constraints join with commas (`>= 4.2, < 5`), where node-semver uses spaces.
  const range = semver.validRange(written.replaceAll(',', ' '));
  if (range === null) return { finding: `${subject}: "${written}" is neither a version nor a range` };
  const releases = stableTags(tags ?? []).map(({ version }) => version);
  if (releases.length === 0) return { finding: `${subject}: range "${written}" cannot be resolved without the chart's release tags` };
  const version = semver.maxSatisfying(releases, range);
  // Resolved from the tags: a new release can change it while the repository does not.
  return version === null ? { finding: `${subject}: no chart release satisfies "${written}"` } : { version, followsReleases: true };
}
