import type { SampleProject } from '../src/demo/sample-gitlab.js';

/** The benchmark's GitLab: 1,000 projects in 8 groups, a fifth of them monorepos of three services. */
export const BENCH_GITLAB_GROUPS = ['commerce', 'platform', 'data', 'mobile', 'web', 'finance', 'ops', 'ml'];
export const BENCH_CHART_PROJECT = 'central/helm-chart';
export const BENCH_PIPELINE_PROJECT = 'central/ci-pipeline';

const CHART_TAGS = ['4.0.0', '4.1.0', '4.2.0', '4.3.0', '4.3.1', '5.0.0-rc.1', 'v3.9.0', '3.9.1'];
const PIPELINE_TAGS = ['2.10.0', '2.11.0', '2.12.0', '2.12.1', 'v2.13.0-beta.1'];

const chart = (name: string, version: string) =>
  `apiVersion: v2\nname: ${name}\nversion: 0.1.0\ndependencies:\n  - name: acme-service\n    version: ${version}\n    repository: oci://registry.example.com/charts\n`;
const values = (name: string) => `nameOverride: ${name}\nreplicaCount: 2\nimage:\n  repository: registry.example.com/${name}\n`;
const ci = (ref: string) => `include:\n  - project: ${BENCH_PIPELINE_PROJECT}\n    ref: ${ref}\n    file: /templates/service.yml\n`;

/** `projects` projects; `bumped` projects have a newer chart pinned (a changed head commit). */
export function benchGitlab(projects: number, bumped: ReadonlySet<number> = new Set()): SampleProject[] {
  const list: SampleProject[] = [
    {
      path: BENCH_CHART_PROJECT,
      defaultBranch: 'main',
      files: { 'Chart.yaml': 'apiVersion: v2\nname: acme-service\nversion: 4.3.1\n' },
      tags: CHART_TAGS,
    },
    { path: BENCH_PIPELINE_PROJECT, defaultBranch: 'main', files: {}, tags: PIPELINE_TAGS },
  ];
  for (let i = 0; i < projects; i += 1) {
    const group = BENCH_GITLAB_GROUPS[i % BENCH_GITLAB_GROUPS.length]!;
    const version = bumped.has(i) ? '4.3.1' : `4.${i % 4}.0`;
    const files: Record<string, string> = { '.gitlab-ci.yml': ci(`2.${10 + (i % 3)}.0`), 'README.md': `# project ${i}\n` };
    if (i % 5 === 0) {
      for (const part of ['api', 'worker', 'gateway']) {
        files[`services/${part}/values.yaml`] = values(`${group}-${part}-${i}`);
        files[`services/${part}/Chart.yaml`] = chart(`${part}-${i}`, version);
      }
      files['services/api/charts/redis/values.yaml'] = 'architecture: standalone\n';
    } else {
      files['values.yaml'] = values(`${group}-svc-${i}`);
      files['Chart.yaml'] = chart(`svc-${i}`, version);
      files['src/main.ts'] = 'export {};\n';
    }
    list.push({ path: `${group}/project-${i}`, defaultBranch: 'main', files });
  }
  return list;
}
