import { describe, expect, it } from 'vitest';
import { impossibleChanges, mergeBlueprint } from '../../src/model/blueprint-merge.js';
import { fieldChanges } from '../../src/model/diff.js';
import { covers } from '../../src/model/normalise.js';
import { planModel, type RemoteModel } from '../../src/model/plan.js';
import { parsePruneRef } from '../../src/model/prune.js';
import { renderPlan } from '../../src/model/render.js';
import type { PortModel } from '../../src/model/types.js';

const service = {
  identifier: 'service',
  title: 'Service',
  schema: {
    properties: {
      chartLag: { type: 'string', title: 'Chart lag', enum: ['current', 'major'] },
      costMonthToDate: { type: 'number', title: 'Cost MTD' },
    },
  },
  relations: { team: { target: 'team', required: false, many: false } },
};

const emptyRemote = (): RemoteModel => ({ blueprints: new Map(), scorecards: new Map(), pages: new Map(), entityCounts: new Map() });
const model = (over: Partial<PortModel> = {}): PortModel => ({
  blueprints: [{ file: 'blueprints/service.json', identifier: 'service', body: service }],
  scorecards: [],
  pages: [],
  ...over,
});

describe('covers', () => {
  it.each([
    [{ a: 1, extra: 2 }, { a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: [1, 2] }, { a: [1, 2] }, true],
    [{ a: [1, 2, 3] }, { a: [1, 2] }, false],
    [{ a: [{ x: 1, y: 2 }] }, { a: [{ x: 1 }] }, true],
    [{}, { a: undefined }, true],
    [undefined, { a: 1 }, false],
  ])('covers(%j, %j) is %s', (actual, wanted, expected) => {
    expect(covers(actual, wanted)).toBe(expected);
  });
});

describe('fieldChanges', () => {
  it('names the deepest readable path of each change', () => {
    const changes = fieldChanges(
      { schema: { properties: { chartLag: { type: 'string', enum: ['current'] } } }, title: 'Svc' },
      { schema: { properties: { chartLag: { type: 'string', enum: ['current', 'major'] }, cost: { type: 'number' } } }, title: 'Service' },
    );
    expect(changes).toEqual([
      { op: 'change', path: 'schema.properties.chartLag.enum', before: ['current'], after: ['current', 'major'] },
      { op: 'add', path: 'schema.properties.cost', after: { type: 'number' } },
      { op: 'change', path: 'title', before: 'Svc', after: 'Service' },
    ]);
  });
});

describe('mergeBlueprint', () => {
  it("keeps another writer's properties, relations and sections and lays ours over them", () => {
    const theirs = {
      identifier: 'service',
      title: 'Microservice',
      icon: 'Service',
      createdAt: '2026-01-01T00:00:00Z',
      schema: { properties: { language: { type: 'string' }, chartLag: { type: 'string', enum: ['x'] } }, required: ['language'] },
      relations: { repo: { target: 'repository', required: false, many: false } },
      aggregationProperties: {
        openIssues: { title: 'Open issues', target: 'issue', calculationSpec: { calculationBy: 'entities', func: 'count' } },
      },
    };
    const merged = mergeBlueprint(theirs, service);
    expect(merged).toEqual({
      identifier: 'service',
      title: 'Service',
      icon: 'Service',
      schema: {
        properties: {
          language: { type: 'string' },
          chartLag: service.schema.properties.chartLag,
          costMonthToDate: service.schema.properties.costMonthToDate,
        },
        required: ['language'],
      },
      relations: { repo: theirs.relations.repo, team: service.relations.team },
      aggregationProperties: theirs.aggregationProperties,
    });
  });

  it('refuses a type change, single vs many and a new relation target', () => {
    const remote = {
      identifier: 'service',
      schema: { properties: { chartLag: { type: 'number' }, costMonthToDate: { type: 'array' } } },
      relations: { team: { target: 'group', required: false, many: true } },
    };
    const problems = impossibleChanges(remote, service);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^schema\.properties\.chartLag\.type: Port cannot change a property's type \(number -> string\)/);
    expect(problems[1]).toMatch(/^schema\.properties\.costMonthToDate\.type: .*\(array -> number\)/);
    expect(problems[2]).toMatch(/^relations\.team\.many: Port cannot turn a many relation into a single one/);
    expect(problems[3]).toMatch(/^relations\.team\.target:/);
  });
});

describe('planModel', () => {
  it('creates what Port lacks and leaves alone what it already has, even with fields Port added', () => {
    const remote = emptyRemote();
    expect(planModel(model(), remote).items.map((i) => i.action)).toEqual(['create']);
    remote.blueprints.set('service', {
      ...service,
      updatedAt: 'now',
      mirrorProperties: {},
      schema: {
        ...service.schema,
        required: [],
        properties: { ...service.schema.properties, chartLag: { ...service.schema.properties.chartLag, icon: 'Added' } },
      },
    });
    const plan = planModel(model(), remote);
    expect(plan.items.map((i) => [i.identifier, i.action])).toEqual([['service', 'unchanged']]);
  });

  it('plans an update with its field changes', () => {
    const remote = emptyRemote();
    remote.blueprints.set('service', { ...service, title: 'Old title' });
    const [item] = planModel(model(), remote).items;
    expect(item).toMatchObject({ action: 'update', changes: [{ op: 'change', path: 'title', before: 'Old title', after: 'Service' }] });
  });

  it('lists what Port has and no file defines, and prunes only what is named', () => {
    const remote = emptyRemote();
    remote.blueprints.set('service', service);
    remote.blueprints.set('legacy', { identifier: 'legacy', schema: { properties: {} } });
    remote.blueprints.set('used', { identifier: 'used', schema: { properties: {} } });
    remote.blueprints.set('other', { identifier: 'other', schema: { properties: {} }, relations: { u: { target: 'used' } } });
    remote.blueprints.set('_user', { identifier: '_user', schema: { properties: {} } });
    remote.blueprints.set('full', { identifier: 'full', schema: { properties: {} } });
    remote.entityCounts.set('full', 3);
    remote.pages.set('old', { identifier: 'old', type: 'dashboard', widgets: [] });
    const prune = ['blueprint:legacy', 'blueprint:used', 'blueprint:full', 'blueprint:service', 'blueprint:gone', 'page:old'].map(
      (r) => parsePruneRef(r) as Exclude<ReturnType<typeof parsePruneRef>, string>,
    );
    const plan = planModel(model(), remote, prune);
    const byId = Object.fromEntries(plan.items.map((i) => [`${i.kind}:${i.identifier}`, i]));
    expect(byId['blueprint:legacy']?.action).toBe('delete');
    expect(byId['page:old']?.action).toBe('delete');
    expect(byId['blueprint:used']).toMatchObject({ action: 'refused', reasons: ['relations of other point at it'] });
    expect(byId['blueprint:full']).toMatchObject({
      action: 'refused',
      reasons: ['it has 3 entities; a blueprint with entities is never pruned'],
    });
    expect(byId['blueprint:service']?.reasons[0]).toMatch(/a model file defines it/);
    expect(byId['blueprint:gone']).toMatchObject({ action: 'unchanged', reasons: ['not in Port: nothing to prune'] });
    expect(plan.notManaged).toEqual(['blueprint:other']);
    const text = renderPlan(plan);
    expect(text).toContain('- delete    legacy');
    expect(text).toContain('! refused   full');
    expect(text).toContain('In Port but in no model file (kept; name one with --prune to delete it): blueprint:other');
    expect(text).toMatch(/Plan: 0 to create, 0 to update, 2 to delete, 2 unchanged, 3 refused \(nothing will be applied\)\.$/);
  });

  it.each([
    ['blueprint:x', { kind: 'blueprint', identifier: 'x' }],
    ['scorecard:service/currency', { kind: 'scorecard', blueprint: 'service', identifier: 'currency' }],
    ['page:finops', { kind: 'page', identifier: 'finops' }],
    ['scorecard:service', '--prune scorecard:service: a scorecard is named as scorecard:BLUEPRINT/ID'],
    ['widget:x', '--prune widget:x: expected blueprint:ID, scorecard:BLUEPRINT/ID or page:ID'],
  ])('parses --prune %s', (text, expected) => {
    expect(parsePruneRef(text)).toEqual(expected);
  });
});
