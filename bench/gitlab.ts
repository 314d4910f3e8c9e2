import { startGitlabFake, type FakeCounts } from '../src/gitlab-sandbox/index.js';
import type { PortModel } from '../src/model/types.js';
import { BENCH_CHART_PROJECT, BENCH_GITLAB_GROUPS, BENCH_PIPELINE_PROJECT, benchGitlab } from './gitlab-estate.js';
import type { BenchOptions } from './options.js';
import { SandboxProcess } from './sandbox-process.js';
import { sourceSession } from './session.js';

/** GitLab's largest page, as the source asks for it. */
const PER_PAGE = 100;

export interface GitlabResult {
  projects: number;
  scenario: string;
  gitlab: FakeCounts;
  /** The fewest GitLab requests the scenario can make (DESIGN.md section 8). */
  floor: number;
  projectsRead: number;
  portWrites: number;
  wallMs: number;
  problems: string[];
}

/**
 * The gitlab source at scale against a local GitLab and the sandbox: a first run reads every tree
 * and file it needs; a run with nothing changed reads no tree or file (one head-commit request per
 * project, the project pages and the central projects' tags); then 1% of projects get a commit.
 */
export async function measureGitlab(
  projects: number,
  options: BenchOptions,
  model: PortModel,
  progress: (line: string) => void,
): Promise<GitlabResult[]> {
  const sandbox = await SandboxProcess.start({ latencyMs: options.latencyMs, rateLimit: options.rateLimit });
  const estate = benchGitlab(projects);
  const gitlab = await startGitlabFake({ projects: estate });
  try {
    const env = {
      SOURCES: 'gitlab',
      GITLAB_URL: gitlab.url,
      GITLAB_TOKEN: gitlab.token,
      GITLAB_GROUPS: BENCH_GITLAB_GROUPS.join(','),
      GITLAB_CHART_PROJECT: BENCH_CHART_PROJECT,
      GITLAB_PIPELINE_PROJECT: BENCH_PIPELINE_PROJECT,
    };
    const { session, port } = sourceSession(sandbox.url, 'bench-gitlab', env, options, model);
    const changed = new Set(Array.from({ length: Math.ceil(projects / 100) }, (_, i) => i * 100 + 7));
    const unchangedFloor = floorOf(projects, new Set());
    const scenarios = [
      { name: 'first run', floor: floorOf(projects, null), expectRead: projects },
      { name: 'no change', floor: unchangedFloor, expectRead: 0 },
      { name: '1% changed', floor: floorOf(projects, changed), expectRead: changed.size },
    ];
    const results: GitlabResult[] = [];
    for (const scenario of scenarios) {
      if (scenario.name === '1% changed') {
        for (const project of benchGitlab(projects, changed).filter((p) => changed.has(indexOf(p.path))))
          gitlab.estate.push(project.path, project.files);
      }
      gitlab.reset();
      const before = port.stats();
      const started = performance.now();
      const { report } = await session.run();
      const wallMs = performance.now() - started;
      const stats = report.sources.gitlab?.stats ?? {};
      const problems = [
        ...(report.status === 'success' ? [] : [`status ${report.status}: ${report.findings[0]?.message ?? ''}`]),
        ...(stats.projectsRead === scenario.expectRead ? [] : [`read ${stats.projectsRead} projects, expected ${scenario.expectRead}`]),
      ];
      results.push({
        projects,
        scenario: scenario.name,
        gitlab: gitlab.counts(),
        floor: scenario.floor,
        projectsRead: stats.projectsRead ?? 0,
        portWrites: port.stats().writes - before.writes,
        wallMs,
        problems,
      });
      progress(`gitlab ${projects} ${scenario.name}: ${gitlab.counts().total} GitLab requests in ${(wallMs / 1000).toFixed(1)} s`);
    }
    return results;
  } finally {
    await Promise.all([gitlab.close(), sandbox.close()]);
  }

  /** Requests the estate needs: project pages, head commits, central tags and Chart.yaml; trees and files of `read` (null: all). */
  function floorOf(count: number, read: ReadonlySet<number> | null): number {
    const perGroup = BENCH_GITLAB_GROUPS.map((_, g) => Math.ceil(Math.ceil((count - g) / BENCH_GITLAB_GROUPS.length) / PER_PAGE));
    let floor = perGroup.reduce((a, b) => a + b, 0) + count + 2 + 1;
    for (let i = 0; i < count; i += 1) {
      if (read !== null && !read.has(i)) continue;
      // one tree page; values file and Chart.yaml per service; the CI file
      floor += 1 + (i % 5 === 0 ? 3 : 1) * 2 + 1;
    }
    return floor;
  }
}

function indexOf(path: string): number {
  return Number(/project-(\d+)$/.exec(path)?.[1] ?? -1);
}

export function formatGitlabTable(results: readonly GitlabResult[]): string {
  const header = [
    'projects',
    'scenario',
    'GitLab requests',
    'floor',
    'project pages',
    'head commits',
    'tree pages',
    'files',
    'tag pages',
    'projects read',
    'Port writes',
    'wall s',
  ];
  const rows = results.map((r) => [
    String(r.projects),
    r.scenario,
    String(r.gitlab.total),
    String(r.floor),
    String(r.gitlab.projects),
    String(r.gitlab.branch),
    String(r.gitlab.tree),
    String(r.gitlab.raw),
    String(r.gitlab.tags),
    String(r.projectsRead),
    String(r.portWrites),
    (r.wallMs / 1000).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
