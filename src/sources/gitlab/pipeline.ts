import semver from 'semver';
import { releaseVersion, stableTags } from './versions.js';
import { isMapping, parseYamlDocuments, scalarText as text } from './yaml.js';

/** A repository file at the project's default branch; undefined when it does not exist, a rejection when the read failed. */
export type ReadFile = (path: string) => Promise<string | undefined>;

export interface PipelineFinding {
  file: string;
  /** A sentence that stands alone: it names the file too. */
  message: string;
}

export interface PipelineResult {
  version?: string;
  /** The version was resolved from a release series (`~latest`, `2`, `2.7`): new release tags can change it. */
  followsReleases?: boolean;
  findings: PipelineFinding[];
  /** Every path asked of readLocal, in order, each once. */
  filesRead: string[];
}

export interface PipelineOptions {
  /** Path of the central CI pipeline project, e.g. `platform/pipelines`. */
  pipelineProject: string;
  /** The GitLab host, e.g. `gitlab.example.com`: the first segment of a CI/CD component's address. */
  host: string;
  readLocal: ReadFile;
  /** How deep local includes are followed; DEFAULT_DEPTH when absent. */
  maxDepth?: number;
  /** The pipeline project's tags: a component pinned to `~latest` or to `1.2` resolves against them. */
  tags?: readonly string[];
  /** Where the CI text was read from (GitLab's default when absent): findings name it, and it is not read again. */
  ciPath?: string;
}

/**
 * Real configurations nest local includes two or three deep; ten leaves room for that and ends a
 * long chain of distinct files early, each level costing an API call.
 */
const DEFAULT_DEPTH = 10;
/** GitLab refuses a pipeline of more than 150 included files (its default limit): none needs more reads. */
const MAX_FILES = 150;
/** The CI file GitLab reads unless the project names another. */
const CI_FILE = '.gitlab-ci.yml';
/** GitLab reads a string include with a scheme as `remote:`, anything else as `local:`. */
const REMOTE = /^https?:\/\//i;
/** A component version GitLab resolves to a release: `~latest`, a major, or a major.minor. */
const RELEASE_SERIES = /^(~latest|v?\d+(\.\d+)?)$/;

/**
 * Why a `$` in an include is a finding: GitLab expands project, group and instance variables there,
 * which live outside the repository; it does not expand the file's own top-level `variables:`
 * (includes are evaluated before them), so resolving those here would be wrong.
 */
const UNRESOLVABLE = ', whose value is not in the repository';

type Include = { local: string } | { project: string; ref?: string } | { component: string };

/** What an include says about the pipeline project: nothing, or that it is the one (pinned or not). */
type Match = { version?: string; followsReleases?: boolean } | undefined;

interface Walk {
  options: PipelineOptions;
  maxDepth: number;
  findings: PipelineFinding[];
  filesRead: string[];
  /** Files already read or being read: each is read once, so a cycle of includes ends. */
  seen: Set<string>;
  /** MAX_FILES were read: no more are. */
  full: boolean;
}

/**
 * Which ref of the central pipeline project a project's CI configuration includes. The first include
 * of that project wins, in document order, depth-first through local files. An include without a ref
 * follows the project's default branch, a moving target that is no release: the version is then
 * unknown, without a finding (the configuration is valid, there is just no pinned version to compare).
 */
export async function pipelineVersion(ciText: string, options: PipelineOptions): Promise<PipelineResult> {
  const root = options.ciPath ?? CI_FILE;
  const walk: Walk = {
    options,
    maxDepth: options.maxDepth ?? DEFAULT_DEPTH,
    findings: [],
    filesRead: [],
    seen: new Set([root]),
    full: false,
  };
  const match = await walkFile(ciText, root, 0, walk);
  const result = { findings: walk.findings, filesRead: walk.filesRead };
  if (match?.version === undefined) return result;
  return { version: match.version, ...(match.followsReleases ? { followsReleases: true } : {}), ...result };
}

async function walkFile(content: string, file: string, depth: number, walk: Walk): Promise<Match> {
  const report = (message: string): void => void walk.findings.push({ file, message: `${file}: ${message}` });
  const config = configOf(content, file, walk);
  for (const entry of includesOf(config)) {
    const include = classify(entry);
    if (include === undefined) continue;
    const match =
      'local' in include
        ? await followLocal(include.local, depth + 1, walk, report)
        : 'project' in include
          ? matchProject(include, walk.options, report)
          : matchComponent(include.component, walk.options, report);
    if (match) return match;
  }
  return undefined;
}

/** The configuration document: the second one when the first is a `spec:` header, as GitLab reads it. */
function configOf(content: string, file: string, walk: Walk): unknown {
  const parsed = parseYamlDocuments(content, file);
  if ('error' in parsed) {
    walk.findings.push({ file, message: parsed.error });
    return undefined;
  }
  const [first, second] = parsed.values;
  return parsed.values.length > 1 && isMapping(first) && 'spec' in first ? second : first;
}

/** `include:` as GitLab accepts it: one string, one map, or a list of either. */
function includesOf(config: unknown): unknown[] {
  const include = isMapping(config) ? config.include : undefined;
  if (include === undefined || include === null) return [];
  return Array.isArray(include) ? include : [include];
}

/**
 * The include forms that can lead to the pipeline project. `remote:` (a URL) and `template:` (one of
 * GitLab's bundled templates) cannot, nor can a form GitLab would refuse. `rules:` are not evaluated:
 * a conditional include of the pipeline project still says which version the project uses.
 */
function classify(entry: unknown): Include | undefined {
  if (typeof entry === 'string') return REMOTE.test(entry) ? undefined : { local: entry };
  if (!isMapping(entry)) return undefined;
  const component = text(entry.component);
  if (component) return { component };
  const project = text(entry.project);
  if (project) {
    const ref = text(entry.ref);
    return ref ? { project, ref } : { project };
  }
  const local = text(entry.local);
  return local ? { local } : undefined;
}

/**
 * Reads a local include and walks it. A read that fails (rather than finding no file) rejects: it
 * says nothing about the repository, so it reaches the caller, which decides about the scope.
 */
async function followLocal(path: string, depth: number, walk: Walk, report: (message: string) => void): Promise<Match> {
  // GitLab reads every local path from the repository root, with or without a leading slash.
  const target = path.replace(/^\/+/, '');
  if (walk.seen.has(target) || walk.full) return undefined;
  const skipped = whyNotRead(path, target, depth, walk.maxDepth);
  if (skipped !== undefined) {
    report(skipped);
    return undefined;
  }
  if (walk.filesRead.length >= MAX_FILES) {
    // Said once: GitLab refuses such a pipeline, and a line per further include would only repeat it.
    walk.full = true;
    report(`local includes after the first ${MAX_FILES} are not read`);
    return undefined;
  }
  walk.seen.add(target);
  walk.filesRead.push(target);
  const content = await walk.options.readLocal(target);
  if (content !== undefined) return walkFile(content, target, depth, walk);
  report(`local include ${target} does not exist`);
  return undefined;
}

function whyNotRead(path: string, target: string, depth: number, maxDepth: number): string | undefined {
  if (target.includes('$')) return `local include ${path} names a CI/CD variable${UNRESOLVABLE}; it is not read`;
  if (target.includes('*')) return `local include ${path} uses a wildcard; the files it matches are not read`;
  if (depth > maxDepth) return `local include ${target} is nested more than ${maxDepth} local includes deep; it is not read`;
  return undefined;
}

/** The predefined variables of the instance's host, which components' addresses commonly start with. */
const HOST_VARIABLES = /\$(?:\{(?:CI_SERVER_FQDN|CI_SERVER_HOST)\}|(?:CI_SERVER_FQDN|CI_SERVER_HOST)\b)/g;

/** The value with the host's variables expanded; undefined when another variable is left. */
function expandHost(value: string, host: string): string | undefined {
  const expanded = value.replace(HOST_VARIABLES, host);
  return expanded.includes('$') ? undefined : expanded;
}

/** Project paths compare as GitLab routes them: case-insensitively, a leading or trailing `/` tolerated. */
const sameProject = (a: string, b: string): boolean => {
  const key = (path: string) => path.replace(/^\/+|\/+$/g, '').toLowerCase();
  return key(a) === key(b);
};

function matchProject(include: { project: string; ref?: string }, options: PipelineOptions, report: (message: string) => void): Match {
  const project = expandHost(include.project, options.host);
  if (project === undefined) {
    report(
      `include of project ${include.project} names a CI/CD variable${UNRESOLVABLE}; it is not compared with ${options.pipelineProject}`,
    );
    return undefined;
  }
  if (!sameProject(project, options.pipelineProject)) return undefined;
  if (include.ref === undefined) return {};
  if (include.ref.includes('$')) {
    report(
      `include of ${options.pipelineProject} names its ref with a CI/CD variable (${include.ref})${UNRESOLVABLE}; the pipeline version is unknown`,
    );
    return {};
  }
  // A branch or a commit is kept as written: no lag can be computed, but the catalog shows what runs.
  return { version: releaseVersion(include.ref) ?? include.ref };
}

/** A CI/CD component, `<host>/<project path>/<component name>@<version>`, of the pipeline project. */
function matchComponent(address: string, options: PipelineOptions, report: (message: string) => void): Match {
  const expanded = expandHost(address, options.host);
  if (expanded === undefined) {
    report(`component ${address} names a CI/CD variable${UNRESOLVABLE}; it is not compared with ${options.pipelineProject}`);
    return undefined;
  }
  const at = expanded.lastIndexOf('@');
  const segments = (at < 0 ? expanded : expanded.slice(0, at)).split('/');
  // Host, at least one segment of project path, and the component's name: GitLab refuses less.
  if (segments.length < 3) return undefined;
  const host = segments[0] ?? '';
  const project = segments.slice(1, -1).join('/');
  if (host.toLowerCase() !== options.host.toLowerCase() || !sameProject(project, options.pipelineProject)) return undefined;
  const version = at < 0 ? '' : expanded.slice(at + 1).trim();
  if (version !== '') return componentVersion(version, address, options, report);
  report(`component ${address} has no version; the pipeline version is unknown`);
  return {};
}

/** A component's version: exact, a release series GitLab resolves (`~latest`, `1`, `1.2`), or a branch or commit. */
function componentVersion(version: string, address: string, options: PipelineOptions, report: (message: string) => void): Match {
  const exact = releaseVersion(version);
  if (exact !== undefined) return { version: exact };
  if (!RELEASE_SERIES.test(version)) return { version };
  const releases = stableTags(options.tags ?? []).map((tag) => tag.version);
  if (releases.length === 0) {
    report(`component ${address} follows ${version}, which cannot be resolved without the release tags of ${options.pipelineProject}`);
    return {};
  }
  const resolved = semver.maxSatisfying(releases, version === '~latest' ? '*' : version);
  if (resolved === null) {
    report(`component ${address}: no release of ${options.pipelineProject} matches ${version}`);
    return {};
  }
  return { version: resolved, followsReleases: true };
}
