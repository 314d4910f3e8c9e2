import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelError, PortAuthError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { applyModelPlan } from '../../src/model/apply.js';
import { planModel } from '../../src/model/plan.js';
import { parsePruneRef, type PruneRef } from '../../src/model/prune.js';
import { readRemoteModel } from '../../src/model/remote.js';
import type { PortModel } from '../../src/model/types.js';
import { createPortClient, type PortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let port: PortClient;

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.start();
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.store.reset();
  port = createPortClient({
    baseUrl: sandbox.url,
    clientId: 'c',
    clientSecret: 'secret-x',
    syncInstance: 'test',
    http: { sleep: async () => {} },
  });
});

/** team and service point at each other (a cycle), and team sums its services' cost. */
function fixture(): PortModel {
  return {
    blueprints: [
      {
        file: 'blueprints/team.json',
        identifier: 'team',
        body: {
          identifier: 'team',
          title: 'Team',
          schema: { properties: { syncInstance: { type: 'string' } } },
          relations: { leadService: { target: 'service', required: false, many: false } },
          aggregationProperties: {
            costMonthToDate: {
              title: 'Cost MTD',
              target: 'service',
              calculationSpec: { calculationBy: 'property', func: 'sum', property: 'costMonthToDate' },
            },
          },
        },
      },
      {
        file: 'blueprints/service.json',
        identifier: 'service',
        body: {
          identifier: 'service',
          title: 'Service',
          schema: {
            properties: {
              chartLag: { type: 'string', enum: ['current', 'minor', 'major'] },
              costMonthToDate: { type: 'number' },
            },
          },
          relations: { team: { target: 'team', required: false, many: false } },
        },
      },
    ],
    scorecards: [
      {
        file: 'scorecards/service/currency.json',
        blueprint: 'service',
        identifier: 'currency',
        body: {
          identifier: 'currency',
          title: 'Currency',
          levels: [
            { title: 'Basic', color: 'paleBlue' },
            { title: 'Gold', color: 'gold' },
          ],
          rules: [
            {
              identifier: 'current',
              title: 'Chart current',
              level: 'Gold',
              query: { combinator: 'and', conditions: [{ property: 'chartLag', operator: '=', value: 'current' }] },
            },
          ],
        },
      },
    ],
    pages: [
      {
        file: 'dashboards/finops.json',
        identifier: 'finops',
        body: {
          identifier: 'finops',
          title: 'FinOps',
          type: 'dashboard',
          widgets: [
            {
              id: 'root',
              type: 'dashboard-widget',
              layout: [{ height: 400, columns: [{ id: 'teams', size: 12 }] }],
              widgets: [
                {
                  id: 'teams',
                  type: 'table-entities-explorer',
                  title: 'Teams',
                  blueprint: 'team',
                  dataset: { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'team' }] },
                },
              ],
            },
          ],
        },
      },
    ],
  };
}

async function plan(model: PortModel, prune: string[] = []) {
  const refs = prune.map((p) => parsePruneRef(p) as PruneRef);
  return planModel(model, await readRemoteModel(port, model, refs), refs);
}

const modelWrites = () =>
  sandbox.stats.requests.filter((r) => r.method !== 'GET' && r.route !== 'POST /v1/auth/access_token').map((r) => r.route);

describe('model apply against the sandbox', () => {
  it('creates everything in stages, and a second apply writes nothing', async () => {
    const first = await applyModelPlan(await plan(fixture()), port, silentLogger());
    expect(first).toMatchObject({ created: 4, updated: 0, failures: [] });
    expect(modelWrites()).toEqual([
      'POST /v1/blueprints',
      'POST /v1/blueprints',
      'PUT /v1/blueprints/:blueprint',
      'PUT /v1/blueprints/:blueprint',
      'PUT /v1/blueprints/:blueprint',
      'POST /v1/blueprints/:blueprint/scorecards',
      'POST /v1/pages',
    ]);
    expect(sandbox.store.blueprints.get('team')).toMatchObject({ aggregationProperties: { costMonthToDate: { target: 'service' } } });
    expect(sandbox.store.blueprints.get('service')).toMatchObject({ relations: { team: { target: 'team' } } });

    sandbox.stats.reset();
    const second = await plan(fixture());
    expect(second.items.every((i) => i.action === 'unchanged')).toBe(true);
    const report = await applyModelPlan(second, port, silentLogger());
    expect(report).toMatchObject({ writes: 0, unchanged: 4 });
    expect(modelWrites()).toEqual([]);
  });

  it('adds ours to a blueprint someone else made and keeps their properties, relations and scorecards', async () => {
    await port.model.createBlueprint({ identifier: 'team', title: 'Team', schema: { properties: {} } });
    await port.model.createBlueprint({
      identifier: 'service',
      title: 'Microservice',
      schema: { properties: { language: { type: 'string' }, chartLag: { type: 'string', enum: ['current'] } } },
      relations: { owner: { target: 'team', required: false, many: false } },
    });
    await port.model.createScorecard('service', {
      identifier: 'theirs',
      title: 'Theirs',
      rules: [
        {
          identifier: 'lang',
          title: 'Has language',
          level: 'Gold',
          query: { combinator: 'and', conditions: [{ property: 'language', operator: 'isNotEmpty' }] },
        },
      ],
    });
    await port.entities.create('service', [{ identifier: 'checkout', properties: { language: 'go' } }]);

    const p = await plan(fixture());
    const service = p.items.find((i) => i.identifier === 'service');
    expect(service?.action).toBe('update');
    expect(service?.changes.map((c) => `${c.op} ${c.path}`)).toEqual([
      'change title',
      'change schema.properties.chartLag.enum',
      'add schema.properties.costMonthToDate',
      'add relations.team',
    ]);
    expect(p.notManaged).toEqual(['scorecard:service/theirs']);
    const report = await applyModelPlan(p, port, silentLogger());
    expect(report.failures).toEqual([]);

    const stored = sandbox.store.blueprints.get('service');
    expect(Object.keys((stored?.schema as { properties: object }).properties).sort()).toEqual(['chartLag', 'costMonthToDate', 'language']);
    expect(Object.keys(stored?.relations ?? {}).sort()).toEqual(['owner', 'team']);
    expect([...(sandbox.store.scorecards.get('service')?.keys() ?? [])].sort()).toEqual(['currency', 'theirs']);
    expect(sandbox.store.entities('service').get('checkout')?.properties.language).toBe('go');
  });

  it('refuses a type change before writing anything', async () => {
    await port.model.createBlueprint({ identifier: 'team', title: 'Team', schema: { properties: {} } });
    await port.model.createBlueprint({ identifier: 'service', title: 'Service', schema: { properties: { chartLag: { type: 'number' } } } });
    sandbox.stats.reset();
    const p = await plan(fixture());
    expect(p.items.find((i) => i.identifier === 'service')).toMatchObject({ action: 'refused' });
    await expect(applyModelPlan(p, port, silentLogger())).rejects.toThrow(ModelError);
    await expect(applyModelPlan(p, port, silentLogger())).rejects.toThrow(
      /blueprints\/service\.json: schema\.properties\.chartLag\.type: Port cannot change a property's type \(number -> string\)/,
    );
    expect(modelWrites()).toEqual([]);
  });

  it('prunes only what --prune names, and never a blueprint with entities', async () => {
    await applyModelPlan(await plan(fixture()), port, silentLogger());
    await port.model.createBlueprint({ identifier: 'legacy', title: 'Legacy', schema: { properties: {} } });
    await port.model.createBlueprint({ identifier: 'busy', title: 'Busy', schema: { properties: {} } });
    await port.entities.create('busy', [{ identifier: 'b1' }]);
    await port.model.createPage({ identifier: 'oldDash', title: 'Old', type: 'dashboard', widgets: [] });

    const untouched = await applyModelPlan(await plan(fixture()), port, silentLogger());
    expect(untouched.writes).toBe(0);
    expect(sandbox.store.blueprints.has('legacy')).toBe(true);

    const refused = await plan(fixture(), ['blueprint:busy']);
    await expect(applyModelPlan(refused, port, silentLogger())).rejects.toThrow(/it has 1 entities/);

    const report = await applyModelPlan(await plan(fixture(), ['blueprint:legacy', 'page:oldDash']), port, silentLogger());
    expect(report).toMatchObject({ deleted: 2, failures: [] });
    expect(sandbox.store.blueprints.has('legacy')).toBe(false);
    expect(sandbox.store.pages.has('oldDash')).toBe(false);
    expect(sandbox.store.blueprints.has('busy')).toBe(true);
  });

  it('stops at refused credentials: no later stage starts', async () => {
    const planned = await plan(fixture());
    sandbox.stats.reset();
    sandbox.faults.add({ method: 'POST', route: '/v1/blueprints', status: 401, body: { ok: false, error: 'unauthorized' }, times: 10 });
    try {
      await expect(applyModelPlan(planned, port, silentLogger())).rejects.toThrow(PortAuthError);
    } finally {
      sandbox.faults.clear();
    }
    expect(modelWrites().length).toBeGreaterThan(0);
    expect(modelWrites().filter((r) => r !== 'POST /v1/blueprints')).toEqual([]);
    expect(sandbox.store.blueprints.size).toBe(0);
  });

  it('records a failed stage and goes on with the rest', async () => {
    sandbox.faults.add({
      method: 'POST',
      route: '/v1/pages',
      status: 422,
      body: { ok: false, error: 'invalid_request', message: 'bad widget' },
    });
    const report = await applyModelPlan(await plan(fixture()), port, silentLogger());
    expect(report.failures).toMatchObject([{ kind: 'page', identifier: 'finops', stage: 'pages' }]);
    expect(report.failures[0]?.message).toContain('bad widget');
    expect(report.created).toBe(3);
    expect(sandbox.store.scorecards.get('service')?.has('currency')).toBe(true);
  });
});
