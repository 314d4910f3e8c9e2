import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import type { SyncReport } from '../../../src/sync/report.js';
import { cleanEnv, runCli } from '../../support/cli.js';
import { startGitlabFake, type FakeProjectSpec, type GitlabFake } from '../../support/gitlab-fake.js';

const CHART = 'platform/helm-chart';
const PIPELINE = 'platform/ci';
const chartYaml = (version: string) =>
  `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: acme-service\n    version: "${version}"\n`;
const include = (ref: string) => `include:\n  - project: ${PIPELINE}\n    ref: ${ref}\n    file: /templates/service.yml\n`;

/** The central projects: a pre-release, a non-semver tag and a backported patch tagged last. */
const central: FakeProjectSpec[] = [
  {
    path: CHART,
    files: { 'Chart.yaml': 'apiVersion: v2\nname: acme-service\nversion: 4.3.1\n' },
    tags: ['4.2.1', '5.0.0-rc.1', 'latest', '4.3.1', '4.3.0', '4.2.0', '3.9.0'],
  },
  { path: PIPELINE, files: {}, tags: ['v2.8.0', 'v2.7.2', 'v2.7.0', 'nightly', 'v2.9.0-beta.1'] },
];

function estate(): FakeProjectSpec[] {
  return [
    ...central,
    {
      path: 'acme/payments/payments',
      files: {
        'services/api/values.yaml': 'nameOverride: payments-api\n',
        'services/api/Chart.yaml': chartYaml('3.9.0'),
        'services/api/charts/redis/values.yaml': 'architecture: standalone\n',
        'services/worker/values.yaml': 'replicaCount: 1\n',
        'services/worker/Chart.yaml': chartYaml('~4.2.0'),
        '.gitlab-ci.yml': 'include:\n  - local: ci/base.yml\n',
        'ci/base.yml': `.defaults: &defaults\n  retry: 2\nbuild:\n  <<: *defaults\n  script: [!reference [.setup, script], make]\ninclude:\n  - project: ${PIPELINE}\n    ref: v2.7.2\n    file: [/a.yml, /b.yml]\n`,
      },
    },
    {
      path: 'acme/checkout/checkout',
      files: { 'values.yaml': 'fullnameOverride: checkout-api\n', 'Chart.yaml': chartYaml('4.3.1'), '.gitlab-ci.yml': include('2.8.0') },
    },
    {
      path: 'acme/checkout/no-chart',
      files: { 'values.yaml': 'a: 1\n', '.gitlab-ci.yml': `include:\n  component: $CI_SERVER_FQDN/${PIPELINE}/service@2.7.0\n` },
    },
    {
      path: 'acme/checkout/broken-ci',
      files: { 'values.yaml': 'a: 1\n', 'Chart.yaml': chartYaml('4.3.0'), '.gitlab-ci.yml': 'include:\n  - project: [unclosed\n' },
    },
    { path: 'acme/checkout/archived', archived: true, files: { 'values.yaml': 'a: 1\n' } },
    { path: 'acme/checkout/flaky', files: { 'values.yaml': 'a: 1\n' } },
    { path: 'acme/docs/site', files: { 'README.md': '# no services here\n' } },
  ];
}

describe('port-sync sync --sources gitlab against a local GitLab and the sandbox', () => {
  let sandbox: Sandbox;
  let fake: GitlabFake;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sandbox = createSandbox();
    await sandbox.start();
  });
  afterAll(() => sandbox.close());
  afterEach(async () => {
    expect(fake.unexpected()).toEqual([]);
    await fake.close();
  });

  async function start(projects: FakeProjectSpec[]): Promise<void> {
    sandbox.store.reset();
    fake = await startGitlabFake({ projects });
    env = cleanEnv({
      PORT_BASE_URL: sandbox.url,
      PORT_CLIENT_ID: 'gl',
      PORT_CLIENT_SECRET: 'gl-secret',
      SYNC_INSTANCE: 'gl',
      SOURCES: 'gitlab',
      GITLAB_URL: fake.url,
      GITLAB_TOKEN: fake.token,
      GITLAB_GROUPS: 'acme/payments,acme/checkout,acme/docs',
      GITLAB_CHART_PROJECT: CHART,
      GITLAB_PIPELINE_PROJECT: PIPELINE,
      TEAM_ALIASES: 'payments=pay',
    });
  }

  async function sync(...args: string[]): Promise<{ code: number | null; report: SyncReport; stderr: string }> {
    const result = await runCli(['sync', '--json', ...args], env, 60_000);
    try {
      return { code: result.code, report: JSON.parse(result.stdout) as SyncReport, stderr: result.stderr };
    } catch {
      throw new Error(`no JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
  }

  it('writes projects and services with versions, lags and releases behind; a failing project and a bad file are reported', async () => {
    await start(estate());
    fake.failProject('acme/checkout/flaky');
    const { code, report, stderr } = await sync('--sources', 'gitlab');
    expect(code).toBe(1);
    expect(stderr).not.toContain(fake.token);

    const services = sandbox.store.entities('service');
    expect([...services.keys()].sort()).toEqual(['checkout-api', 'no-chart', 'payments-api', 'worker', 'broken-ci'].sort());
    expect(services.get('payments-api')?.properties).toMatchObject({
      path: 'services/api',
      repoUrl: expect.stringMatching(/\/acme\/payments\/payments\/-\/tree\/main\/services\/api$/) as string,
      chartVersion: '3.9.0',
      chartLatest: '4.3.1',
      chartLag: 'major',
      chartReleasesBehind: 4,
      pipelineVersion: '2.7.2',
      pipelineLatest: '2.8.0',
      pipelineLag: 'minor',
      pipelineReleasesBehind: 1,
      hasRepository: true,
      syncScope: 'gitlab:acme/payments',
    });
    expect(services.get('payments-api')?.relations).toEqual({ team: 'payments', gitlabProject: 'acme/payments/payments' });
    // a range pins what helm would pull: the highest 4.2.x release
    expect(services.get('worker')?.properties).toMatchObject({ chartVersion: '4.2.1', chartLag: 'minor', pipelineVersion: '2.7.2' });
    expect(services.get('checkout-api')?.properties).toMatchObject({
      chartLag: 'current',
      chartReleasesBehind: 0,
      pipelineLag: 'current',
      path: '',
    });
    expect(services.get('checkout-api')?.relations.team).toBe('checkout');
    expect(services.get('no-chart')?.properties).toMatchObject({ chartLag: 'unknown', pipelineVersion: '2.7.0', pipelineLag: 'minor' });
    expect(services.get('no-chart')?.properties.chartVersion ?? null).toBeNull();
    expect(services.get('broken-ci')?.properties).toMatchObject({ chartVersion: '4.3.0', chartLag: 'patch', pipelineLag: 'unknown' });

    const projects = sandbox.store.entities('gitlabProject');
    expect([...projects.keys()].sort()).toEqual([
      'acme/checkout/broken-ci',
      'acme/checkout/checkout',
      'acme/checkout/no-chart',
      'acme/docs/site',
      'acme/payments/payments',
    ]);
    expect(projects.get('acme/payments/payments')?.properties).toMatchObject({
      isMonorepo: true,
      serviceCount: 2,
      namespace: 'acme/payments',
      defaultBranch: 'main',
    });
    expect(projects.get('acme/docs/site')?.properties).toMatchObject({ isMonorepo: false, serviceCount: 0 });
    expect([...sandbox.store.entities('team').keys()].sort()).toEqual(['checkout', 'docs', 'payments']);

    expect(report.sources.gitlab?.failedScopes).toEqual([
      { scope: 'gitlab:acme/checkout/flaky', complete: false, error: expect.stringContaining('500') as string },
    ]);
    expect(report.findings.map((f) => [f.source, f.subject])).toContainEqual(['gitlab', 'acme/checkout/broken-ci/.gitlab-ci.yml']);
    expect(fake.requests.filter((r) => r.path.includes('archived'))).toEqual([]);
  }, 60_000);

  it('a rerun with nothing changed reads no tree or file and writes nothing; a bumped chart re-reads exactly that project', async () => {
    const clean = estate().filter((p) => !p.path.endsWith('broken-ci') && !p.path.endsWith('flaky'));
    await start(clean);
    expect((await sync()).code).toBe(0);

    fake.reset();
    sandbox.stats.reset();
    const again = await sync();
    expect(again.code).toBe(0);
    // One head-commit request per project, the central projects' tags, and the central Chart.yaml for the chart's name.
    expect(fake.counts()).toMatchObject({ tree: 0, raw: 1, branch: 4, tags: 2 });
    expect(again.report.sources.gitlab?.stats).toMatchObject({ projectsRead: 0, projectsUnchanged: 4 });
    const writes = sandbox.stats.requests.filter(
      (r) => r.method === 'POST' && !r.route.includes('search') && !r.route.includes('access_token'),
    );
    expect(writes.map((w) => w.path)).toEqual(['/v1/blueprints/syncRun/entities/bulk']);

    fake.estate.push('acme/checkout/checkout', { 'Chart.yaml': chartYaml('4.2.0') });
    fake.reset();
    const bumped = await sync();
    expect(bumped.code).toBe(0);
    const read = fake.requests.filter((r) => r.kind === 'tree' || (r.kind === 'raw' && !r.path.includes('helm-chart')));
    const id = fake.estate.project('acme/checkout/checkout')!.id;
    expect(new Set(read.map((r) => r.path.split('/repository/')[0]))).toEqual(new Set([`/api/v4/projects/${id}`]));
    expect(bumped.report.sources.gitlab?.stats).toMatchObject({ projectsRead: 1, projectsUnchanged: 3 });
    expect(sandbox.store.entities('service').get('checkout-api')?.properties).toMatchObject({
      chartVersion: '4.2.0',
      chartLag: 'minor',
      chartReleasesBehind: 3,
    });
  }, 90_000);

  it('a group whose listing fails keeps its projects and services as they were', async () => {
    await start(estate().filter((p) => !p.path.endsWith('broken-ci') && !p.path.endsWith('flaky')));
    expect((await sync()).code).toBe(0);
    fake.inject({ kind: 'projects', match: /groups\/acme\/payments\/projects/, status: 500 });
    const { code, report } = await sync();
    expect(code).toBe(1);
    expect(report.sources.gitlab?.failedScopes.map((s) => s.scope)).toEqual(['gitlab:acme/payments']);
    expect(sandbox.store.entities('service').get('payments-api')?.properties.chartVersion).toBe('3.9.0');
    expect(sandbox.store.entities('gitlabProject').has('acme/payments/payments')).toBe(true);
    expect(report.blueprints.service?.deleted).toBe(0);
  }, 90_000);
});
