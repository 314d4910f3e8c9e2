/**
 * The sample estate's GitLab: the repositories the demo's local GitLab server serves to the real
 * gitlab source. Three teams' groups, a monorepo with a vendored chart, a local CI include that
 * chains to the central pipeline, and the two central projects with their release tags (a
 * pre-release and a backported patch among them, which are not the latest).
 */
export interface SampleProject {
  path: string;
  defaultBranch: string;
  /** file path -> content, at the head of the default branch. */
  files: Record<string, string>;
  tags?: string[];
}

export const SAMPLE_GITLAB_GROUPS = ['acme/checkout', 'acme/payments', 'acme/platform'];
export const SAMPLE_CHART_PROJECT = 'platform/helm-chart';
export const SAMPLE_PIPELINE_PROJECT = 'platform/ci-pipeline';

const chart = (name: string, version: string) =>
  [
    'apiVersion: v2',
    `name: ${name}`,
    'version: 0.1.0',
    'dependencies:',
    '  - name: acme-service',
    `    version: ${version}`,
    '    repository: oci://registry.example.com/charts',
    '',
  ].join('\n');

const values = (name?: string) => (name ? `nameOverride: ${name}\nreplicaCount: 2\n` : 'replicaCount: 2\n');

const pipeline = (ref: string) =>
  [
    'include:',
    `  - project: ${SAMPLE_PIPELINE_PROJECT}`,
    `    ref: ${ref}`,
    '    file: /templates/service.yml',
    '',
    'variables:',
    '  SERVICE_TEAM: demo',
    '',
  ].join('\n');

/** `week` 2 is a week later: payments-api moved to the latest chart. */
export function sampleGitlab(week: 1 | 2): SampleProject[] {
  return [
    {
      path: SAMPLE_CHART_PROJECT,
      defaultBranch: 'main',
      files: { 'Chart.yaml': 'apiVersion: v2\nname: acme-service\nversion: 4.3.1\n' },
      tags: ['v3.9.0', '4.1.0', '4.2.0', '4.3.0', '4.3.1', '5.0.0-rc.1', '3.9.1', 'latest'],
    },
    {
      path: SAMPLE_PIPELINE_PROJECT,
      defaultBranch: 'main',
      files: { 'templates/service.yml': 'build:\n  script: make\n' },
      tags: ['1.9.4', '2.6.0', '2.7.0', '2.7.2', '2.8.0', 'v2.9.0-beta.1'],
    },
    {
      path: 'acme/checkout/checkout-api',
      defaultBranch: 'main',
      files: { 'values.yaml': values('checkout-api'), 'Chart.yaml': chart('checkout-api', '4.3.1'), '.gitlab-ci.yml': pipeline('2.8.0') },
    },
    {
      path: 'acme/payments/payments',
      defaultBranch: 'main',
      files: {
        'services/api/values.yaml': values('payments-api'),
        'services/api/Chart.yaml': chart('payments-api', week === 1 ? '3.9.0' : '4.3.1'),
        'services/worker/values.yaml': values('payments-worker'),
        'services/worker/Chart.yaml': chart('payments-worker', '~4.2.0'),
        'services/api/charts/redis/values.yaml': 'architecture: standalone\n',
        '.gitlab-ci.yml': 'include:\n  - local: ci/base.yml\n\nstages: [build, deploy]\n',
        'ci/base.yml': `.defaults: &defaults\n  retry: 2\n\ninclude:\n  - project: ${SAMPLE_PIPELINE_PROJECT}\n    ref: v2.7.2\n    file:\n      - /templates/service.yml\n`,
        'README.md': '# payments\n',
      },
    },
    {
      path: 'acme/platform/search',
      defaultBranch: 'main',
      files: { 'values.yaml': values(), 'Chart.yaml': chart('search', '4.3.0'), '.gitlab-ci.yml': pipeline('1.9.4') },
    },
    {
      path: 'acme/platform/notifications',
      defaultBranch: 'main',
      files: {
        'values.yaml': values(),
        'Chart.yaml': chart('notifications', '2.1.0'),
        '.gitlab-ci.yml': `include:\n  - component: $CI_SERVER_FQDN/${SAMPLE_PIPELINE_PROJECT}/service@2.8.0\n`,
      },
    },
  ];
}
