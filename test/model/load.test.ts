import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/model/json-text.js';
import { formatProblem, loadModel, validateModel } from '../../src/model/index.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A model directory holding exactly these files (objects are written as JSON). */
async function modelDir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'port-model-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const team = { identifier: 'team', title: 'Team', schema: { properties: {} } };
const environment = { identifier: 'environment', title: 'Environment', schema: { properties: {} } };
const service = {
  identifier: 'service',
  title: 'Service',
  schema: { properties: { chartLag: { type: 'string', enum: ['current', 'major'] } } },
  relations: { team: { target: 'team', required: false, many: false } },
};
const scorecard = {
  identifier: 'currency',
  title: 'Currency',
  rules: [
    {
      identifier: 'current',
      title: 'Current',
      level: 'Gold',
      query: { combinator: 'and', conditions: [{ property: 'chartLag', operator: '=', value: 'current' }] },
    },
  ],
};
const page = (widgets: unknown[], layout: unknown[] = [{ height: 400, columns: [{ id: 'count', size: 12 }] }]) => ({
  identifier: 'health',
  title: 'Health',
  type: 'dashboard',
  widgets: [{ id: 'root', type: 'dashboard-widget', layout, widgets }],
});
const countWidget = {
  id: 'count',
  type: 'entities-number-chart',
  unit: 'none',
  blueprint: 'service',
  chartType: 'countEntities',
  calculationBy: 'entities',
  func: 'count',
  dataset: [],
};

async function load(files: Record<string, unknown>) {
  const { model, problems } = loadModel(await modelDir(files));
  return { model, problems: problems.map(formatProblem) };
}

describe('loadModel', () => {
  it('reads a model without folders as an empty model', async () => {
    expect(await load({})).toEqual({ model: { blueprints: [], scorecards: [], pages: [] }, problems: [] });
  });

  it('loads blueprints, scorecards by blueprint folder and dashboards, keeping bodies as written', async () => {
    const { model, problems } = await load({
      'blueprints/team.json': team,
      'blueprints/service.json': service,
      'blueprints/.gitkeep': '',
      'blueprints/README.md': '# notes',
      'scorecards/service/currency.json': scorecard,
      'dashboards/health.json': page([countWidget]),
    });
    expect(problems).toEqual([]);
    expect(model.blueprints).toEqual([
      { file: 'blueprints/service.json', identifier: 'service', body: service },
      { file: 'blueprints/team.json', identifier: 'team', body: team },
    ]);
    expect(model.scorecards).toEqual([
      { file: 'scorecards/service/currency.json', blueprint: 'service', identifier: 'currency', body: scorecard },
    ]);
    expect(model.pages).toEqual([{ file: 'dashboards/health.json', identifier: 'health', body: page([countWidget]) }]);
  });

  it('names the file and line:column of broken JSON, and still loads the other files', async () => {
    const { model, problems } = await load({
      'blueprints/team.json': '{\n  "identifier": "team",\n  "title": "Team"\n  "schema": { "properties": {} }\n}\n',
      'blueprints/environment.json': environment,
    });
    expect(problems).toEqual([
      'blueprints/team.json: (file): invalid JSON at 4:3 (line:column): expected "," between values, found "\\"schema\\""',
    ]);
    expect(model.blueprints.map((b) => b.identifier)).toEqual(['environment']);
    expect(model.unloaded).toEqual(['blueprints/team.json']);
  });

  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 3, 1, 'expected a double-quoted property name, found "}"'],
    ['a bad literal', '{"a": tru}', 1, 7, 'a value was expected, found "tru"'],
    ['a cut-off file', '{\n  "a": [1, 2', 2, 13, 'expected "," or "]" after an array element, found end of file'],
    ['a raw line break in a string', '{"a": "x\ny"}', 1, 7, 'unterminated string, found "\\"x"'],
    ['text after the value', '{}\n{}', 2, 1, 'unexpected text after the JSON value, found "{"'],
    ['an empty file', '', 1, 1, 'a value was expected, found end of file'],
    ['a missing colon', '{"a" 1}', 1, 6, 'expected ":" after a property name, found "1"'],
    ['a comment', '// note\n{}', 1, 1, 'comments are not allowed in JSON, found "// note"'],
  ])('locates %s', (_what, text, line, column, message) => {
    expect(parseJsonText(text)).toEqual({ ok: false, line, column, message });
  });

  it('reports an unknown key, with its path', async () => {
    const { problems } = await load({
      'blueprints/team.json': { ...team, titel: 'Team' },
      'blueprints/service.json': { ...service, schema: { properties: { chartLag: { type: 'string', colour: 'red' } } } },
    });
    expect(problems).toEqual([
      'blueprints/service.json: schema.properties.chartLag.colour: unknown key "colour"',
      'blueprints/team.json: titel: unknown key "titel"',
    ]);
  });

  it('reports a wrong type, a bad enum entry and a missing key', async () => {
    const { problems } = await load({
      'blueprints/service.json': {
        ...service,
        schema: { properties: { chartLag: { type: 'string', enum: ['current', 'major', { v: 1 }] }, replicas: { type: 'integer' } } },
        relations: { team: { target: 'team', required: false, many: 'no' } },
      },
      'blueprints/team.json': { identifier: 'team', schema: { properties: {} } },
    });
    expect(problems).toEqual([
      'blueprints/service.json: schema.properties.chartLag.enum[2]: expected string, received object',
      'blueprints/service.json: schema.properties.replicas.type: expected one of "string"|"number"|"boolean"|"object"|"array"',
      'blueprints/service.json: relations.team.many: expected boolean, received string',
      'blueprints/team.json: title: is required (expected string)',
    ]);
  });

  it('reports bad identifiers of blueprints, properties, rules and pages', async () => {
    const { problems } = await load({
      'blueprints/my service.json': { ...service, identifier: 'my service' },
      'blueprints/team.json': { ...team, schema: { properties: { 'cost.total': { type: 'number' } } } },
      'scorecards/team/currency.json': { ...scorecard, rules: [{ ...scorecard.rules[0], identifier: 'is current', level: 'Gold' }] },
      'dashboards/health.json': { ...page([countWidget]), identifier: 'health check' },
    });
    expect(problems).toEqual([
      'blueprints/my service.json: identifier: must be a blueprint identifier: letters, digits and @ _ . + : \\ / -',
      'blueprints/team.json: schema.properties["cost.total"]: invalid key "cost.total": must match ^[A-Za-z0-9@_=-]+$ (ASCII letters, digits, @ _ = -)',
      'scorecards/team/currency.json: rules[0].identifier: must match ^[A-Za-z0-9@_=-]+$ (ASCII letters, digits, @ _ = -)',
      'dashboards/health.json: identifier: must be a page identifier: letters, digits and @ _ . : / = -',
    ]);
  });

  it('refuses a file not named after its identifier', async () => {
    const { model, problems } = await load({ 'blueprints/team.json': { ...team, identifier: 'squad' } });
    expect(problems).toEqual(['blueprints/team.json: identifier: "squad" differs from the file name: the file must be named squad.json']);
    expect(model.blueprints).toEqual([]);
  });

  it('places scorecards under the folder of a blueprint of the model', async () => {
    const { model, problems } = await load({
      'blueprints/service.json': { ...service, schema: { properties: 5 } },
      'blueprints/team.json': team,
      'scorecards/service/currency.json': scorecard,
      'scorecards/ghost/currency.json': scorecard,
      'scorecards/currency.json': scorecard,
    });
    expect(problems).toEqual([
      'blueprints/service.json: schema.properties: expected record, received number',
      'scorecards/currency.json: (file): a scorecard belongs in scorecards/<blueprint>/; this file is not loaded',
      'scorecards/ghost/currency.json: (file): folder "ghost" names no blueprint of the model (there is no blueprints/ghost.json)',
      'scorecards/service/currency.json: (file): the blueprint of folder "service" did not load (see blueprints/service.json), so this scorecard is left out',
    ]);
    expect(model.scorecards).toEqual([]);
  });

  it('checks scorecard operators and widgets against the forms Port takes', async () => {
    const condition = (c: object) => ({ ...scorecard, rules: [{ ...scorecard.rules[0], query: { combinator: 'and', conditions: [c] } }] });
    const { problems } = await load({
      'blueprints/service.json': service,
      'blueprints/team.json': team,
      'scorecards/service/a.json': { ...condition({ property: 'chartLag', operator: 'exists' }), identifier: 'a' },
      'scorecards/service/b.json': { ...condition({ property: 'chartLag', operator: 'isEmpty', valu: 1 }), identifier: 'b' },
      'dashboards/health.json': page([
        { ...countWidget, calculationBy: 'property', func: 'sum' },
        { id: 'list', type: 'table-entities-explorer', dataset: { combinator: 'and', rules: [] }, colour: 'red' },
        { id: 'spark', type: 'sparkline' },
      ]),
    });
    expect(problems).toEqual([
      'scorecards/service/a.json: rules[0].query.conditions[0].operator: must be one of "between", "notBetween", "=", "containsAny", "in", "!=", ">", "<", ">=", "<=", "contains", "doesNotContains", "beginsWith", "doesNotBeginsWith", "endsWith", "doesNotEndsWith", "isEmpty", "isNotEmpty"',
      'scorecards/service/b.json: rules[0].query.conditions[0].valu: unknown key "valu"',
      'dashboards/health.json: widgets[0].widgets[0].property: is required when calculationBy is "property"',
      'dashboards/health.json: widgets[0].widgets[1].colour: unknown key "colour"',
      expect.stringMatching(
        /^dashboards\/health\.json: widgets\[0\]\.widgets\[2\]\.type: must be one of "dashboard-widget", "grouper", "table-entities-explorer", /,
      ),
    ]);
  });

  it('takes extra keys where Port leaves a widget open (number chart), and one root dashboard widget', async () => {
    const open = await load({
      'blueprints/service.json': service,
      'blueprints/team.json': team,
      'dashboards/health.json': page([{ ...countWidget, futureKey: 1 }]),
    });
    expect(open.problems).toEqual([]);
    const twoRoots = { ...page([countWidget]), widgets: [page([countWidget]).widgets[0], page([countWidget]).widgets[0]] };
    const { problems } = await load({ 'dashboards/health.json': twoRoots });
    expect(problems).toEqual(['dashboards/health.json: widgets: a dashboard has exactly one root widget, of type "dashboard-widget"']);
  });

  it('reports a model folder that is not a folder', async () => {
    expect((await load({ blueprints: 'not a folder' })).problems).toEqual(['blueprints: (file): cannot be listed: ENOTDIR']);
    expect((await load({ dashboards: 'not a folder' })).problems).toEqual(['dashboards: (file): cannot be listed: ENOTDIR']);
  });

  it('follows symbolic links, and reports one that leads nowhere', async () => {
    const shared = await modelDir({ 'team.json': team, 'service/currency.json': scorecard });
    const dir = await modelDir({ 'blueprints/service.json': service });
    await symlink(join(shared, 'team.json'), join(dir, 'blueprints/team.json'));
    await symlink(join(shared, 'gone.json'), join(dir, 'blueprints/environment.json'));
    await mkdir(join(dir, 'scorecards'));
    await symlink(join(shared, 'service'), join(dir, 'scorecards/service'));
    const { model, problems } = loadModel(dir);
    expect(problems.map(formatProblem)).toEqual(['blueprints/environment.json: (file): cannot be read: ENOENT']);
    expect(model.blueprints.map((b) => b.identifier)).toEqual(['service', 'team']);
    expect(model.scorecards.map((s) => s.identifier)).toEqual(['currency']);
  });

  it('reports a broken blueprint once, not again for everything that refers to it', async () => {
    const dir = await modelDir({
      'blueprints/team.json': '{ "identifier": "team", }',
      'blueprints/service.json': service,
      'dashboards/health.json': page([
        { ...countWidget, blueprint: 'team', dataset: [{ property: '$blueprint', operator: '=', value: 'team' }] },
      ]),
    });
    const { model, problems } = loadModel(dir);
    expect(problems).toHaveLength(1);
    expect(validateModel(model)).toEqual([]);
  });
});
