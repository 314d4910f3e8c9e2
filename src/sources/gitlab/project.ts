import { formatScope, type Finding } from '../../domain/index.js';
import { RunAbortedError } from '../../errors.js';
import { pinnedChartVersion } from './chart.js';
import type { GitlabClient, GitlabProject } from './client.js';
import { matchesDigest, readDigest, type ReadInputs } from './digest.js';
import type { ProjectFacts, ServiceFacts } from './map.js';
import { pipelineVersion } from './pipeline.js';
import type { PreviousProject } from './previous.js';
import type { CentralReleases } from './releases.js';
import type { GitlabSettings } from './settings.js';
import { serviceFolders } from './tree.js';
import { serviceName } from './values.js';

/** The file GitLab reads a project's pipeline from. */
const CI_FILE = '.gitlab-ci.yml';

export interface ProjectRead {
  fullPath: string;
  /** `read`: tree and files read; `unchanged`: carried over (same head commit); `failed`: kept as it was. */
  outcome: 'read' | 'unchanged' | 'failed';
  /** What to write; for a failed project what it was before (so nothing of it changes or is deleted). */
  facts?: ProjectFacts;
  findings: Finding[];
  error?: string;
}

export interface ProjectContext {
  settings: GitlabSettings;
  team: string;
  previous?: PreviousProject;
  releases: CentralReleases;
  /** The settings and release tags a read depends on (digest.ts). */
  inputs: ReadInputs;
  signal: AbortSignal;
}

/**
 * One project: its head commit (one request), then, only when that commit is not the one this
 * installation last read, its tree and the files that matter (values files, Chart.yaml, the CI file
 * and the local files it includes). A read that fails leaves the project as it was last written.
 */
export async function readProject(client: GitlabClient, project: GitlabProject, context: ProjectContext): Promise<ProjectRead> {
  const fullPath = project.pathWithNamespace;
  const base: ProjectFacts = {
    fullPath,
    webUrl: project.webUrl,
    namespace: project.namespace.fullPath,
    defaultBranch: project.defaultBranch,
    lastActivityAt: project.lastActivityAt,
    visibility: project.visibility,
    team: context.team,
    services: [],
  };
  try {
    const head = await headOf(client, project);
    // An empty repository (no default branch, or no commit on it) holds no service.
    if (head === undefined) return { fullPath, outcome: 'read', facts: base, findings: [] };
    const previous = context.previous;
    if (previous !== undefined && previous.headCommit === head && matchesDigest(previous.readDigest, previous, context.inputs)) {
      const facts = {
        ...base,
        headCommit: head,
        readDigest: previous.readDigest,
        pipelineVersion: previous.pipelineVersion,
        services: previous.services,
      };
      return { fullPath, outcome: 'unchanged', facts, findings: [] };
    }
    const findings: Finding[] = [];
    const { facts, followsReleases } = await readAt(client, project, head, { ...context, base, findings });
    // A read that produced a finding is read again next run, so the finding is reported until fixed.
    if (findings.length > 0) return { fullPath, outcome: 'read', facts, findings };
    const digest = readDigest({ pipelineVersion: facts.pipelineVersion, services: facts.services, followsReleases }, context.inputs);
    return { fullPath, outcome: 'read', facts: { ...facts, headCommit: head, readDigest: digest }, findings };
  } catch (error) {
    if (error instanceof RunAbortedError || context.signal.aborted) throw error;
    const kept = context.previous ? { ...base, ...context.previous } : undefined;
    return { fullPath, outcome: 'failed', facts: kept, findings: [], error: error instanceof Error ? error.message : String(error) };
  }
}

interface ReadContext extends ProjectContext {
  base: ProjectFacts;
  findings: Finding[];
}

/**
 * The head commit of the default branch; undefined for an empty repository. A 404 for the branch of a
 * repository that is not empty (the branch was renamed or deleted since the listing) is a failure, not
 * an empty repository: the project keeps what it was until it is read again.
 */
async function headOf(client: GitlabClient, project: GitlabProject): Promise<string | undefined> {
  if (!project.defaultBranch || project.emptyRepo) return undefined;
  const head = await client.branchHead(project.id, project.defaultBranch);
  if (head === undefined) throw new Error(`its default branch ${project.defaultBranch} was not found`);
  return head;
}

async function readAt(
  client: GitlabClient,
  project: GitlabProject,
  ref: string,
  context: ReadContext,
): Promise<{ facts: ProjectFacts; followsReleases: boolean }> {
  const { settings, base, findings } = context;
  const scope = formatScope({ kind: 'gitlab', path: base.fullPath });
  const report = (file: string, message: string) =>
    findings.push({ source: 'gitlab', scope, subject: `${base.fullPath}/${file}`, message });
  const read = (path: string) => client.rawFile(project.id, path, ref);
  let followsReleases = false;
  const folders = serviceFolders(await client.tree(project.id, ref), settings.valuesFiles);
  const services = await Promise.all(
    folders.map(async (folder): Promise<ServiceFacts> => {
      const [values, chart] = await Promise.all([
        read(folder.valuesFile),
        folder.chartFile ? read(folder.chartFile) : Promise.resolve(undefined),
      ]);
      const named = serviceName(folder, values, base.fullPath);
      if (named.finding) report(folder.valuesFile, named.finding);
      let chartVersion: string | undefined;
      if (chart !== undefined && context.releases.chartName) {
        const pinned = pinnedChartVersion(chart, context.releases.chartName, context.releases.chartTags);
        if (pinned.finding) report(folder.chartFile!, pinned.finding);
        chartVersion = pinned.version;
        if (pinned.followsReleases) followsReleases = true;
      }
      return { name: named.name, path: folder.path, chartVersion };
    }),
  );
  let pipeline: string | undefined;
  if (settings.pipelineProject && services.length > 0) {
    const ci = await read(CI_FILE);
    if (ci !== undefined) {
      const result = await pipelineVersion(ci, {
        pipelineProject: settings.pipelineProject,
        host: new URL(settings.url).host,
        readLocal: read,
        tags: context.releases.pipelineTags,
      });
      for (const finding of result.findings) report(finding.file, finding.message);
      pipeline = result.version;
      if (result.followsReleases) followsReleases = true;
    }
  }
  return { facts: { ...base, services, pipelineVersion: pipeline }, followsReleases };
}
