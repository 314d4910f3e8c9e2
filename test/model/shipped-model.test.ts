import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, loadModel, validateModel, type Json } from '../../src/model/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { model, problems } = loadModel(ROOT);
const blueprint = (id: string): Json => {
  const found = model.blueprints.find((b) => b.identifier === id);
  if (!found) throw new Error(`blueprint ${id} is not shipped`);
  return found.body;
};
const section = (body: Json, key: string): Record<string, Json> => (body[key] ?? {}) as Record<string, Json>;
const properties = (id: string) => section(blueprint(id).schema as Json, 'properties');

/** DESIGN.md section 4: the key properties and relations of each blueprint (a contract with the sync). */
const CATALOG: Record<string, { properties: string[]; relations: Record<string, string> }> = {
  team: { properties: [], relations: {} },
  environment: { properties: [], relations: {} },
  awsAccount: { properties: ['accountId', 'name'], relations: {} },
  service: {
    properties: [
      'repoUrl',
      'path',
      'chartVersion',
      'chartLatest',
      'chartLag',
      'chartReleasesBehind',
      'pipelineVersion',
      'pipelineLatest',
      'pipelineLag',
      'pipelineReleasesBehind',
      'costMonthToDate',
      'costLastMonth',
      'costChangePct',
      'currency',
      'hasRepository',
      'isRunning',
    ],
    relations: { team: 'team', gitlabProject: 'gitlabProject' },
  },
  gitlabProject: {
    properties: ['url', 'namespace', 'defaultBranch', 'lastActivityAt', 'visibility', 'isMonorepo', 'serviceCount'],
    relations: { team: 'team' },
  },
  eksCluster: {
    properties: [
      'name',
      'version',
      'platformVersion',
      'status',
      'region',
      'accountId',
      'endpoint',
      'endpointPublicAccess',
      'endpointPrivateAccess',
      'authenticationMode',
    ],
    relations: { environment: 'environment', awsAccount: 'awsAccount' },
  },
  workload: {
    properties: ['kind', 'namespace', 'image', 'imageTag', 'replicas', 'readyReplicas', 'health', 'chartName', 'chartVersion'],
    relations: { service: 'service', eksCluster: 'eksCluster', environment: 'environment' },
  },
  awsResource: {
    properties: ['arn', 'awsService', 'resourceType', 'region', 'accountId', 'consoleUrl', 'tags', 'missingTags', 'tagCompliant'],
    relations: { service: 'service', team: 'team', environment: 'environment', awsAccount: 'awsAccount' },
  },
  cloudCost: {
    properties: ['month', 'isCurrentMonth', 'amount', 'currency', 'metric', 'isComplete'],
    relations: { service: 'service', team: 'team' },
  },
  syncRun: {
    properties: ['startedAt', 'finishedAt', 'status', 'durationSeconds', 'counts', 'portCalls', 'deletionsRefused', 'dryRun'],
    relations: {},
  },
};

describe('the shipped model files', () => {
  it('load and validate with no problem', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    expect(validateModel(model).map(formatProblem)).toEqual([]);
    expect(model.unloaded).toBeUndefined();
    expect(model.blueprints.map((b) => b.identifier).sort()).toEqual(Object.keys(CATALOG).sort());
    expect(model.scorecards.map((s) => `${s.blueprint}/${s.identifier}`).sort()).toEqual([
      'awsResource/tagging',
      'service/platformCurrency',
      'workload/runtimeHealth',
    ]);
    expect(model.pages.map((p) => p.identifier).sort()).toEqual(['finops', 'platformHealth']);
  });

  it.each(Object.entries(CATALOG))('%s has the properties and relations of DESIGN.md section 4, and the owner fields', (id, want) => {
    expect(Object.keys(properties(id))).toEqual(expect.arrayContaining([...want.properties, 'syncInstance', 'syncScope']));
    const relations = section(blueprint(id), 'relations');
    expect(Object.fromEntries(Object.entries(relations).map(([rel, def]) => [rel, def.target]))).toEqual(want.relations);
    for (const def of Object.values(relations)) expect(def).toMatchObject({ required: false, many: false });
    expect((blueprint(id).schema as Json).required ?? []).toEqual([]);
  });

  it('keeps team cost a Port aggregation over services, never a written property', () => {
    expect(properties('team')).not.toHaveProperty('costMonthToDate');
    expect(section(blueprint('team'), 'aggregationProperties').costMonthToDate).toMatchObject({
      target: 'service',
      calculationSpec: { calculationBy: 'property', func: 'sum', property: 'costMonthToDate' },
    });
  });

  it('types what users filter and chart on', () => {
    const lag = ['current', 'patch', 'minor', 'major', 'unknown'];
    expect(properties('service').chartLag).toMatchObject({ type: 'string', enum: lag });
    expect(properties('service').pipelineLag).toMatchObject({ type: 'string', enum: lag });
    expect(properties('workload').health).toMatchObject({ enum: ['Healthy', 'Degraded', 'Down'] });
    expect(properties('syncRun').status).toMatchObject({ enum: ['success', 'partial', 'aborted', 'failed'] });
    expect(properties('cloudCost').month).toMatchObject({ type: 'string', format: 'date-time' });
    expect(properties('awsResource').tags).toMatchObject({ type: 'object' });
    expect(properties('awsResource').missingTags).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(properties('service').repoUrl).toMatchObject({ format: 'url' });
  });
});

describe('the shipped model in the Port sandbox', () => {
  let sandbox: Sandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = createSandbox();
    await sandbox.start();
    const res = await fetch(new URL('/v1/auth/access_token', sandbox.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'model-test', clientSecret: 'model-test-secret' }),
    });
    token = ((await res.json()) as { accessToken: string }).accessToken;
  });
  afterAll(() => sandbox.close());

  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(new URL(path, sandbox.url), {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('accepts every blueprint (relations second, for cycles), scorecard and page', async () => {
    // Relations, mirrors and aggregations name other blueprints, which must exist first.
    for (const { body } of model.blueprints) {
      const { relations: _r, mirrorProperties: _m, aggregationProperties: _a, ...bare } = body;
      expect(await call('POST', '/v1/blueprints', bare), `POST ${String(body.identifier)}`).toMatchObject({ status: 201 });
    }
    for (const { identifier, body } of model.blueprints) {
      expect(await call('PUT', `/v1/blueprints/${identifier}`, body), `PUT ${identifier}`).toMatchObject({ status: 200 });
    }
    for (const { blueprint: bp, identifier, body } of model.scorecards) {
      expect(await call('POST', `/v1/blueprints/${bp}/scorecards`, body), `scorecard ${identifier}`).toMatchObject({ status: 201 });
    }
    for (const { identifier, body } of model.pages) {
      expect(await call('POST', '/v1/pages', body), `page ${identifier}`).toMatchObject({ status: 201 });
    }
    expect([...sandbox.store.blueprints.keys()].sort()).toEqual(Object.keys(CATALOG).sort());
    expect(sandbox.store.blueprints.get('service')?.relations.team).toMatchObject({ target: 'team' });
    expect(sandbox.store.pages.size).toBe(2);
  });
});
