import type { BlueprintBody } from './blueprint-schema.js';
import type { Field, ModelIndex } from './model-index.js';
import { problem } from './problems.js';
import type { Dataset } from './query-schema.js';
import type { ModelProblem } from './types.js';
import { blueprintsSelected, queryProblems } from './validate-queries.js';
import type { TableSettings, WidgetBody } from './widget-schema.js';

/** Number-chart functions that read a property's values, which must therefore be numbers. */
const NUMERIC_FUNCS = new Set(['sum', 'average', 'min', 'max', 'median']);

interface Ctx {
  index: ModelIndex;
  file: string;
  at: PropertyKey[];
  out: ModelProblem[];
}

/**
 * A widget's blueprints exist, and the properties it draws, filters, groups, sorts and shows exist
 * on its blueprint: Port stores such a widget and then draws an empty chart.
 */
export function widgetReferenceProblems(index: ModelIndex, file: string, at: PropertyKey[], widget: WidgetBody): ModelProblem[] {
  const ctx: Ctx = { index, file, at, out: [] };
  const subject = subjectOf(ctx, widget);
  const dataset = widget.dataset as Dataset | undefined;
  if (dataset) ctx.out.push(...queryProblems(index, file, [...at, 'dataset'], dataset, subject));

  if (widget.type === 'entities-pie-chart' || widget.type === 'bar-chart') groupedProperty(ctx, subject, String(widget.property));
  if (widget.type === 'entities-number-chart') numberChart(ctx, subject, widget);
  if (widget.type === 'line-chart') lineChart(ctx, subject, widget);
  if (widget.type === 'markdown' && widget.source === 'property') markdownSource(ctx, widget);
  for (const key of ['blueprintConfig', 'segmentTableViewConfig']) {
    for (const [blueprint, settings] of Object.entries((widget[key] ?? {}) as Record<string, TableSettings>)) {
      tableSettings(ctx, [key, blueprint], blueprint, settings);
    }
  }
  return ctx.out;
}

/** The one blueprint a widget draws: its `blueprint` key, or the single `$blueprint` of its dataset. */
function subjectOf(ctx: Ctx, widget: WidgetBody): BlueprintBody | undefined {
  const named = typeof widget.blueprint === 'string' ? widget.blueprint : undefined;
  const selected = blueprintsSelected(widget.dataset as Dataset | undefined);
  if (named !== undefined && !ctx.index.knows(named)) {
    ctx.out.push(problem(ctx.file, [...ctx.at, 'blueprint'], `blueprint "${named}" is not in the model`));
    return undefined;
  }
  if (named !== undefined && selected.length === 1 && selected[0] !== named) {
    ctx.out.push(problem(ctx.file, [...ctx.at, 'blueprint'], `"${named}" differs from the dataset's $blueprint "${selected[0] ?? ''}"`));
  }
  const id = named ?? (selected.length === 1 ? selected[0] : undefined);
  return id === undefined ? undefined : ctx.index.blueprints.get(id)?.body;
}

/** Checks a field name on a blueprint; returns the field when it exists. */
function need(ctx: Ctx, path: PropertyKey[], blueprint: BlueprintBody, name: string, what = 'property'): Field | undefined {
  const field = ctx.index.field(blueprint, name);
  if (!field || (what === 'relation') !== (field.kind === 'relation')) {
    ctx.out.push(problem(ctx.file, [...ctx.at, ...path], `"${name}" is not a ${what} of blueprint "${blueprint.identifier}"`));
    return undefined;
  }
  return field;
}

function groupedProperty(ctx: Ctx, subject: BlueprintBody | undefined, property: string): void {
  if (!subject) return;
  const [prefix, name = ''] = property.split(/#(.*)/s);
  if (prefix === 'scorecard') {
    if (!ctx.index.scorecardsOf(subject.identifier).includes(name))
      ctx.out.push(problem(ctx.file, [...ctx.at, 'property'], `"${name}" is not a scorecard of blueprint "${subject.identifier}"`));
    return;
  }
  need(ctx, ['property'], subject, name, prefix === 'relation' ? 'relation' : 'property');
}

function numberChart(ctx: Ctx, subject: BlueprintBody | undefined, widget: WidgetBody): void {
  if (!subject) return;
  if (typeof widget.property === 'string') {
    const field = need(ctx, ['property'], subject, widget.property);
    if (
      field &&
      widget.calculationBy === 'property' &&
      NUMERIC_FUNCS.has(String(widget.func)) &&
      field.type !== 'number' &&
      field.type !== 'unknown'
    ) {
      ctx.out.push(
        problem(ctx.file, [...ctx.at, 'property'], `"${widget.property}" is ${field.type}; ${String(widget.func)} needs a number property`),
      );
    }
  }
  if (typeof widget.measureTimeBy === 'string') dateField(ctx, ['measureTimeBy'], subject, widget.measureTimeBy);
}

function lineChart(ctx: Ctx, subject: BlueprintBody | undefined, widget: WidgetBody): void {
  if (!subject) return;
  ((widget.properties ?? []) as string[]).forEach((name, k) => need(ctx, ['properties', k], subject, name));
  if (typeof widget.measureTimeBy === 'string') dateField(ctx, ['measureTimeBy'], subject, widget.measureTimeBy);
  if (typeof widget.breakdownProperty === 'string') need(ctx, ['breakdownProperty'], subject, widget.breakdownProperty);
}

function dateField(ctx: Ctx, path: PropertyKey[], subject: BlueprintBody, name: string): void {
  const field = need(ctx, path, subject, name);
  if (field && field.type !== 'date-time' && field.type !== 'unknown') {
    ctx.out.push(problem(ctx.file, [...ctx.at, ...path], `"${name}" is ${field.type}; time is measured by a date-time property`));
  }
}

function markdownSource(ctx: Ctx, widget: WidgetBody): void {
  const blueprint = String(widget.blueprintIdentifier);
  const body = ctx.index.blueprints.get(blueprint)?.body;
  if (!ctx.index.knows(blueprint))
    ctx.out.push(problem(ctx.file, [...ctx.at, 'blueprintIdentifier'], `blueprint "${blueprint}" is not in the model`));
  else if (body) need(ctx, ['propertyIdentifier'], body, String(widget.propertyIdentifier));
}

/** A table's per-blueprint settings name columns of that blueprint (its scorecards are columns too). */
function tableSettings(ctx: Ctx, path: PropertyKey[], blueprint: string, settings: TableSettings): void {
  if (!ctx.index.knows(blueprint)) {
    ctx.out.push(problem(ctx.file, [...ctx.at, ...path], `blueprint "${blueprint}" is not in the model`));
    return;
  }
  const body = ctx.index.blueprints.get(blueprint)?.body;
  if (!body) return;
  const scorecards = new Set(ctx.index.scorecardsOf(blueprint));
  const column = (where: PropertyKey[], name: string) => {
    if (!scorecards.has(name) && !ctx.index.field(body, name)) {
      ctx.out.push(problem(ctx.file, [...ctx.at, ...path, ...where], `"${name}" is not a property of blueprint "${blueprint}"`));
    }
  };
  const props = settings.propertiesSettings;
  for (const list of ['shown', 'hidden', 'order'] as const)
    props?.[list]?.forEach((name, k) => column(['propertiesSettings', list, k], name));
  settings.groupSettings?.groupBy.forEach((name, k) => column(['groupSettings', 'groupBy', k], name));
  settings.sortSettings?.sortBy?.forEach((sort, k) => column(['sortSettings', 'sortBy', k, 'property'], sort.property));
  if (settings.filterSettings) {
    ctx.out.push(
      ...queryProblems(ctx.index, ctx.file, [...ctx.at, ...path, 'filterSettings', 'filterBy'], settings.filterSettings.filterBy, body),
    );
  }
}
