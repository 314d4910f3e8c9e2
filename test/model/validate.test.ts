import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadModel, validateModel, type PortModel } from '../../src/model/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const shipped = loadModel(ROOT).model;

// Drafts are edited freely, path by path, to break one reference at a time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Draft = any;

interface Edit {
  blueprint(id: string): Draft;
  scorecard(blueprint: string, id: string): Draft;
  page(id: string): Draft;
  model: PortModel;
}

/** The shipped model with one edit, validated: every problem as `file: path: message`. */
function check(edit: (e: Edit) => void): string[] {
  const model = structuredClone(shipped);
  const find = <T extends { identifier: string; body: unknown }>(list: T[], id: string, extra?: (t: T) => boolean): Draft => {
    const found = list.find((t) => t.identifier === id && (extra?.(t) ?? true));
    if (!found) throw new Error(`${id} is not shipped`);
    return found.body;
  };
  edit({
    blueprint: (id) => find(model.blueprints, id),
    scorecard: (bp, id) => find(model.scorecards, id, (s) => s.blueprint === bp),
    page: (id) => find(model.pages, id),
    model,
  });
  return validateModel(model).map(formatProblem);
}

const root = (e: Edit, page: string): Draft => e.page(page).widgets[0];

describe('validateModel: blueprints', () => {
  it('accepts the shipped model and Port system blueprints as relation targets', () => {
    expect(check(() => undefined)).toEqual([]);
    expect(check((e) => (e.blueprint('service').relations.owner = { target: '_user', required: false, many: false }))).toEqual([]);
  });

  it('reports a relation target that is not in the model', () => {
    expect(check((e) => (e.blueprint('service').relations.team.target = 'squad'))).toEqual([
      'blueprints/service.json: relations.team.target: blueprint "squad" is not in the model (blueprints/squad.json) nor a Port system blueprint',
    ]);
  });

  it('follows mirror paths through relations to a property', () => {
    const mirrors = (paths: Record<string, string>) =>
      check(
        (e) => (e.blueprint('workload').mirrorProperties = Object.fromEntries(Object.entries(paths).map(([id, path]) => [id, { path }]))),
      );
    expect(mirrors({ teamTitle: 'service.team.$title', chartLag: 'service.chartLag', teamCost: 'service.team.costMonthToDate' })).toEqual(
      [],
    );
    expect(mirrors({ owner: 'owner.$title', lag: 'service.chartLagg', deep: 'service.owner.$title' })).toEqual([
      'blueprints/workload.json: mirrorProperties.owner.path: "owner" is not a relation of blueprint "workload"',
      'blueprints/workload.json: mirrorProperties.lag.path: "chartLagg" is not a property of blueprint "service"',
      'blueprints/workload.json: mirrorProperties.deep.path: "owner" is not a relation of blueprint "service"',
    ]);
  });

  it('reports an aggregation over a missing or unrelated blueprint, or over a missing or non-number property', () => {
    const agg = (def: object) => check((e) => (e.blueprint('team').aggregationProperties.costMonthToDate = { title: 'Cost', ...def }));
    const sum = (property: string) => ({ calculationBy: 'property', func: 'sum', property });
    expect(agg({ target: 'ghost', calculationSpec: sum('amount') })).toEqual([
      'blueprints/team.json: aggregationProperties.costMonthToDate.target: blueprint "ghost" is not in the model',
    ]);
    expect(agg({ target: 'syncRun', calculationSpec: { calculationBy: 'entities', func: 'count' } })).toEqual([
      'blueprints/team.json: aggregationProperties.costMonthToDate.target: blueprint "syncRun" has no relation to "team" (directly or through other blueprints)',
    ]);
    expect(agg({ target: 'service', calculationSpec: sum('costTotal') })).toEqual([
      'blueprints/team.json: aggregationProperties.costMonthToDate.calculationSpec.property: "costTotal" is not a property of blueprint "service"',
    ]);
    expect(agg({ target: 'service', calculationSpec: sum('currency') })).toEqual([
      'blueprints/team.json: aggregationProperties.costMonthToDate.calculationSpec.property: "currency" of blueprint "service" is string; sum needs a number property',
    ]);
    expect(agg({ target: 'cloudCost', calculationSpec: sum('amount'), pathFilter: [{ path: ['owner'] }] })).toEqual([
      'blueprints/team.json: aggregationProperties.costMonthToDate.pathFilter[0].path: [owner] is not a chain of relations from "cloudCost" or "team"',
    ]);
    expect(agg({ target: 'cloudCost', calculationSpec: sum('amount'), pathFilter: [{ path: ['team'] }] })).toEqual([]);
  });

  it('checks required properties, enum colors, formats and identifiers shared between sections', () => {
    expect(
      check((e) => {
        const service = e.blueprint('service');
        service.schema.required = ['repoUrl', 'owner'];
        service.schema.properties.chartLag.enumColors.majr = 'red';
        service.schema.properties.costLastMonth.format = 'date-time';
        service.schema.properties.team = { type: 'string' };
        e.blueprint('workload').schema.properties.replicas.enum = [1, '2'];
      }),
    ).toEqual([
      'blueprints/service.json: relations.team: "team" is already defined in schema.properties',
      'blueprints/service.json: schema.required[1]: "owner" is not a property of this blueprint',
      'blueprints/service.json: schema.properties.chartLag.enumColors.majr: "majr" is not one of the enum values',
      'blueprints/service.json: schema.properties.costLastMonth.format: format applies to string values (this one is number)',
      'blueprints/workload.json: schema.properties.replicas.enum[1]: "2" is not a number',
    ]);
  });
});

describe('validateModel: scorecards', () => {
  it('reports a condition on a property the blueprint does not have', () => {
    expect(check((e) => (e.scorecard('service', 'platformCurrency').rules[4].query.conditions[0].property = 'chartLags'))).toEqual([
      'scorecards/service/platformCurrency.json: rules[4].query.conditions[0].property: "chartLags" is not a property of blueprint "service"',
    ]);
  });

  it('reports a condition on a relation the blueprint does not have, or a relation named as a property', () => {
    expect(
      check((e) => {
        const rules = e.scorecard('awsResource', 'tagging').rules;
        rules[0].query.conditions[0].relation = 'owner';
        rules[1].query.conditions[0] = { property: 'team', operator: 'isNotEmpty' };
      }),
    ).toEqual([
      'scorecards/awsResource/tagging.json: rules[0].query.conditions[0].relation: "owner" is not a relation of blueprint "awsResource"',
      'scorecards/awsResource/tagging.json: rules[1].query.conditions[0].property: "team" is a relation: name it with "relation", not "property"',
    ]);
  });

  it('reports a rule level that is not a level of the scorecard', () => {
    expect(check((e) => (e.scorecard('service', 'platformCurrency').rules[4].level = 'Platinum'))).toEqual([
      'scorecards/service/platformCurrency.json: rules[4].level: "Platinum" is not one of the levels (Basic, Bronze, Silver, Gold)',
    ]);
    // Without levels, Port's default four apply.
    expect(check((e) => delete e.scorecard('service', 'platformCurrency').levels)).toEqual([]);
  });

  it('reports a rule on the first level, which carries none', () => {
    expect(check((e) => (e.scorecard('workload', 'runtimeHealth').rules[0].level = 'Basic'))).toEqual([
      'scorecards/workload/runtimeHealth.json: rules[0].level: "Basic" is the first level, which every entity starts at; it cannot have rules',
    ]);
  });

  it('reports a value outside the property enum, and a value of the wrong type', () => {
    expect(
      check((e) => {
        e.scorecard('service', 'platformCurrency').rules[2].query.conditions[0].value = 'majr';
        e.scorecard('awsResource', 'tagging').rules[3].query.conditions[0].value = 'true';
        e.scorecard('workload', 'runtimeHealth').rules[0].query.conditions[0].value = '0';
      }),
    ).toEqual([
      'scorecards/awsResource/tagging.json: rules[3].query.conditions[0].value: boolean field "tagCompliant" is compared with a string, which never matches',
      'scorecards/service/platformCurrency.json: rules[2].query.conditions[0].value: "majr" is not a value of "chartLag" ("current", "patch", "minor", "major", "unknown")',
      'scorecards/workload/runtimeHealth.json: rules[0].query.conditions[0].value: number field "replicas" is compared with a string, which never matches',
    ]);
  });

  it('reports a level listed twice and a rule identifier used twice', () => {
    expect(
      check((e) => {
        const card = e.scorecard('service', 'platformCurrency');
        card.levels[3].title = 'Silver';
        card.rules[1].identifier = 'chartVersionKnown';
      }),
    ).toEqual([
      'scorecards/service/platformCurrency.json: levels[3].title: level "Silver" is listed twice',
      'scorecards/service/platformCurrency.json: rules[1].identifier: rule "chartVersionKnown" is defined twice',
      'scorecards/service/platformCurrency.json: rules[4].level: "Gold" is not one of the levels (Basic, Bronze, Silver, Silver)',
      'scorecards/service/platformCurrency.json: rules[5].level: "Gold" is not one of the levels (Basic, Bronze, Silver, Silver)',
    ]);
  });
});

describe('validateModel: dashboards', () => {
  it('reports a widget on a blueprint that is not in the model', () => {
    expect(
      check((e) => {
        root(e, 'finops').widgets[0].blueprint = 'cost';
        root(e, 'platformHealth').widgets[4].dataset.rules[0].value = 'services';
      }),
    ).toEqual([
      'dashboards/finops.json: widgets[0].widgets[0].blueprint: blueprint "cost" is not in the model',
      'dashboards/platformHealth.json: widgets[0].widgets[4].blueprint: "service" differs from the dataset\'s $blueprint "services"',
      'dashboards/platformHealth.json: widgets[0].widgets[4].dataset.rules[0].value: blueprint "services" is not in the model',
    ]);
  });

  it("charts a scorecard's levels only for a scorecard of the widget's blueprint", () => {
    expect(
      check((e) => {
        const health = root(e, 'platformHealth').widgets;
        health[11].property = 'scorecard#tagging';
        health[12].property = 'scorecard#nope';
      }),
    ).toEqual([
      'dashboards/platformHealth.json: widgets[0].widgets[11].property: "tagging" is not a scorecard of blueprint "service"',
      'dashboards/platformHealth.json: widgets[0].widgets[12].property: "nope" is not a scorecard of blueprint "awsResource"',
    ]);
  });

  it('reports widget properties the blueprint does not have: charted, filtered, shown and sorted', () => {
    expect(
      check((e) => {
        const health = root(e, 'platformHealth').widgets;
        health[4].property = 'property#chartLagg';
        health[0].dataset[1].property = 'chartLagg';
        health[7].blueprintConfig.service.propertiesSettings.shown[2] = 'chartVer';
        health[7].blueprintConfig.service.sortSettings.sortBy[0].property = 'behind';
        root(e, 'finops').widgets[0].property = 'cost';
      }),
    ).toEqual([
      'dashboards/finops.json: widgets[0].widgets[0].property: "cost" is not a property of blueprint "cloudCost"',
      'dashboards/platformHealth.json: widgets[0].widgets[0].dataset[1].property: "chartLagg" is not a property of blueprint "service"',
      'dashboards/platformHealth.json: widgets[0].widgets[4].property: "chartLagg" is not a property of blueprint "service"',
      'dashboards/platformHealth.json: widgets[0].widgets[7].blueprintConfig.service.propertiesSettings.shown[2]: "chartVer" is not a property of blueprint "service"',
      'dashboards/platformHealth.json: widgets[0].widgets[7].blueprintConfig.service.sortSettings.sortBy[0].property: "behind" is not a property of blueprint "service"',
    ]);
  });

  it('reports dataset values outside an enum and sums over a non-number property', () => {
    expect(
      check((e) => {
        root(e, 'platformHealth').widgets[0].dataset[1].value = ['minor', 'majr'];
        root(e, 'finops').widgets[0].property = 'currency';
      }),
    ).toEqual([
      'dashboards/finops.json: widgets[0].widgets[0].property: "currency" is string; sum needs a number property',
      'dashboards/platformHealth.json: widgets[0].widgets[0].dataset[1].value[1]: "majr" is not a value of "chartLag" ("current", "patch", "minor", "major", "unknown")',
    ]);
  });

  it('reports a widget id used twice', () => {
    expect(check((e) => (root(e, 'finops').widgets[4].id = 'costPerTeam'))).toEqual([
      'dashboards/finops.json: widgets[0].layout[1].columns[1].id: "costPerService" is not a widget of this dashboard',
      'dashboards/finops.json: widgets[0].widgets[4].id: widget id "costPerTeam" is already used at widgets[0].widgets[3]',
    ]);
  });

  it('reports a layout column naming no widget, and the widget it left unplaced', () => {
    expect(check((e) => (root(e, 'finops').layout[2].columns[0].id = 'costPerMonth'))).toEqual([
      'dashboards/finops.json: widgets[0].layout[2].columns[0].id: "costPerMonth" is not a widget of this dashboard',
      'dashboards/finops.json: widgets[0].widgets[5]: widget "costByMonth" is not placed in the layout, so Port does not show it',
    ]);
  });

  it('reports a row wider than 12 columns', () => {
    expect(check((e) => (root(e, 'finops').layout[0].columns[2].size = 5))).toEqual([
      'dashboards/finops.json: widgets[0].layout[0].columns: column sizes add up to 13; a row is 12 wide',
    ]);
  });

  it('reports a widget without an id', () => {
    expect(check((e) => delete root(e, 'finops').widgets[5].id)).toEqual([
      'dashboards/finops.json: widgets[0].layout[2].columns[0].id: "costByMonth" is not a widget of this dashboard',
      'dashboards/finops.json: widgets[0].widgets[5]: needs an "id": layouts place widgets by id',
    ]);
  });
});

describe('validateModel: a model assembled in memory', () => {
  it('checks bodies against the schemas and identifiers for duplicates', () => {
    expect(
      check((e) => {
        e.blueprint('team').title = 7;
        e.model.pages.push(structuredClone(e.model.pages[0]!));
      }),
    ).toEqual([
      'blueprints/team.json: title: expected string, received number',
      'dashboards/finops.json: identifier: page "finops" is also defined in dashboards/finops.json',
    ]);
  });
});

describe('validateModel: every other message', () => {
  const health = (e: Edit) => root(e, 'platformHealth').widgets;
  const finops = (e: Edit) => root(e, 'finops').widgets;
  const sumOfCost = {
    title: 'Cost',
    target: 'service',
    calculationSpec: { calculationBy: 'property', func: 'sum', property: 'costMonthToDate' },
  };

  it.each<[string, (e: Edit) => void, string[]]>([
    [
      'items on a non-array',
      (e) => (e.blueprint('service').schema.properties.currency.items = { type: 'string' }),
      ['blueprints/service.json: schema.properties.currency.items: only array properties have items (this one is string)'],
    ],
    [
      'an enum on a boolean',
      (e) => (e.blueprint('service').schema.properties.isRunning.enum = ['yes']),
      ['blueprints/service.json: schema.properties.isRunning.enum: an enum needs a string or number type (this one is boolean)'],
    ],
    [
      'enumColors without an enum',
      (e) => (e.blueprint('service').schema.properties.currency.enumColors = { USD: 'green' }),
      ['blueprints/service.json: schema.properties.currency.enumColors: enumColors needs an enum'],
    ],
    [
      'an average measured by a non-date property',
      (e) =>
        (e.blueprint('team').aggregationProperties.costMonthToDate = {
          ...sumOfCost,
          calculationSpec: { calculationBy: 'entities', func: 'average', averageOf: 'month', measureTimeBy: 'currency' },
        }),
      [
        'blueprints/team.json: aggregationProperties.costMonthToDate.calculationSpec.measureTimeBy: "currency" is not a date-time property of blueprint "service"',
      ],
    ],
    [
      'an aggregation query on a missing property',
      (e) =>
        (e.blueprint('team').aggregationProperties.costMonthToDate = {
          ...sumOfCost,
          query: { combinator: 'and', rules: [{ property: 'chartLagg', operator: '=', value: 'current' }] },
        }),
      [
        'blueprints/team.json: aggregationProperties.costMonthToDate.query.rules[0].property: "chartLagg" is not a property of blueprint "service"',
      ],
    ],
    [
      'inherited ownership over a missing relation',
      (e) => (e.blueprint('workload').ownership = { type: 'Inherited', path: 'service.owner' }),
      ['blueprints/workload.json: ownership.path: "service.owner" is not a chain of relations from this blueprint'],
    ],
    [
      'a scorecard of a blueprint not in the model',
      (e) =>
        e.model.scorecards.push({ ...structuredClone(e.model.scorecards[0]!), file: 'scorecards/ghost/tagging.json', blueprint: 'ghost' }),
      ['scorecards/ghost/tagging.json: (file): blueprint "ghost" is not in the model'],
    ],
    [
      'ordering a boolean',
      (e) => (e.scorecard('awsResource', 'tagging').rules[3].query.conditions[0] = { property: 'tagCompliant', operator: '>', value: 0 }),
      ['scorecards/awsResource/tagging.json: rules[3].query.conditions[0].operator: ">" cannot order boolean field "tagCompliant"'],
    ],
    [
      'a widget placed twice',
      (e) => (root(e, 'finops').layout[1].columns[1].id = 'costPerTeam'),
      [
        'dashboards/finops.json: widgets[0].layout[1].columns[1].id: "costPerTeam" is placed twice',
        'dashboards/finops.json: widgets[0].widgets[4]: widget "costPerService" is not placed in the layout, so Port does not show it',
      ],
    ],
    [
      'a relatedTo rule on a missing blueprint',
      (e) => health(e)[7].dataset.rules.push({ operator: 'relatedTo', blueprint: 'squad', value: 'payments' }),
      ['dashboards/platformHealth.json: widgets[0].widgets[7].dataset.rules[1].blueprint: blueprint "squad" is not in the model'],
    ],
    [
      'a pie over a missing relation',
      (e) => {
        health(e)[4].property = 'relation#owner';
        health(e)[5].property = 'relation#team';
      },
      ['dashboards/platformHealth.json: widgets[0].widgets[4].property: "owner" is not a relation of blueprint "service"'],
    ],
    [
      'a number chart measured by a non-date property',
      (e) => Object.assign(finops(e)[0], { func: 'average', averageOf: 'month', measureTimeBy: 'amount' }),
      ['dashboards/finops.json: widgets[0].widgets[0].measureTimeBy: "amount" is number; time is measured by a date-time property'],
    ],
    [
      'a line chart over missing and non-date properties',
      (e) =>
        (finops(e)[5] = {
          id: 'costByMonth',
          type: 'line-chart',
          title: 'Cost',
          blueprint: 'cloudCost',
          chartType: 'aggregatePropertiesValues',
          func: 'sum',
          properties: ['amountt'],
          measureTimeBy: 'isComplete',
          timeInterval: 'month',
          timeRange: { preset: 'last12Months' },
        }),
      [
        'dashboards/finops.json: widgets[0].widgets[5].properties[0]: "amountt" is not a property of blueprint "cloudCost"',
        'dashboards/finops.json: widgets[0].widgets[5].measureTimeBy: "isComplete" is boolean; time is measured by a date-time property',
      ],
    ],
    [
      'a markdown widget showing a missing property',
      (e) =>
        (finops(e)[5] = {
          id: 'costByMonth',
          type: 'markdown',
          title: 'Notes',
          source: 'property',
          blueprintIdentifier: 'service',
          propertyIdentifier: 'readme',
          entityIdentifier: 'checkout',
        }),
      ['dashboards/finops.json: widgets[0].widgets[5].propertyIdentifier: "readme" is not a property of blueprint "service"'],
    ],
    [
      'a markdown widget without text',
      (e) => (finops(e)[5] = { id: 'costByMonth', type: 'markdown', title: 'Notes' }),
      ['dashboards/finops.json: widgets[0].widgets[5]: needs "markdown" (or source "property" with its identifiers)'],
    ],
    [
      'table settings of a missing blueprint, group and filter fields',
      (e) => {
        health(e)[7].blueprintConfig.svc = {};
        health(e)[7].blueprintConfig.service.filterSettings = {
          filterBy: { combinator: 'and', rules: [{ property: 'lag', operator: '=', value: 'major' }] },
        };
        finops(e)[5].blueprintConfig.cloudCost.groupSettings.groupBy[0] = 'monthh';
      },
      [
        'dashboards/finops.json: widgets[0].widgets[5].blueprintConfig.cloudCost.groupSettings.groupBy[0]: "monthh" is not a property of blueprint "cloudCost"',
        'dashboards/platformHealth.json: widgets[0].widgets[7].blueprintConfig.service.filterSettings.filterBy.rules[0].property: "lag" is not a property of blueprint "service"',
        'dashboards/platformHealth.json: widgets[0].widgets[7].blueprintConfig.svc: blueprint "svc" is not in the model',
      ],
    ],
  ])('reports %s', (_what, edit, expected) => {
    expect(check(edit)).toEqual(expected);
  });

  it('takes scorecards as table columns of their blueprint', () => {
    expect(check((e) => health(e)[7].blueprintConfig.service.propertiesSettings.shown.push('platformCurrency'))).toEqual([]);
  });
});
