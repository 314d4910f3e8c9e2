import { blueprintsNamed, calculate, type Json, type SandboxReader } from '../sandbox/index.js';
import { chartFieldOf, display, fieldOf } from './values.js';

/** How many rows of a table the preview shows. */
export const TABLE_ROWS_SHOWN = 5;
/** Port draws at most this many pie/bar slices; the rest are one "Other" slice. Port: confirmed (DOCS data-widgets.md) */
export const MAX_SLICES = 14;
/** The slice of entities that have no value for the property. */
export const NO_VALUE = 'No value';

export interface NumberValue {
  kind: 'number';
  /** Undefined when there is nothing to show (e.g. the average of no entities). */
  value?: number;
  /** As Port shows it: rounded or to the set decimals, with the unit. */
  text: string;
  /** The first matching conditional format. */
  format?: { color?: string; message?: string };
}

export interface ChartValue {
  kind: 'pie' | 'bar';
  /** Entities counted per value of the property, largest first. */
  slices: { label: string; count: number }[];
  total: number;
}

export interface TableValue {
  kind: 'table';
  blueprint: string;
  /** Column identifiers (`$title`, properties, relations, scorecards) and their titles. */
  columns: string[];
  titles: string[];
  /** Every row, sorted as the widget says: the entity, and each column's value. */
  rows: { identifier: string; blueprint: string; cells: unknown[] }[];
}

export interface UnsupportedValue {
  kind: 'unsupported';
  reason: string;
}

export type WidgetValue = NumberValue | ChartValue | TableValue | UnsupportedValue;

export interface EvaluatedWidget {
  id: string;
  type: string;
  title: string;
  value: WidgetValue;
}

export interface EvaluatedDashboard {
  identifier: string;
  title: string;
  /** Rows of the page's layout: each column a widget id and its width out of 12. */
  layout: { height: number; columns: { id: string; size: number }[] }[];
  widgets: EvaluatedWidget[];
}

/** A dataset, as an array of rules or a query. */
function asQuery(dataset: unknown): { combinator: string; rules: unknown[] } {
  if (Array.isArray(dataset)) return { combinator: 'and', rules: dataset };
  if (dataset && typeof dataset === 'object') return dataset as { combinator: string; rules: unknown[] };
  return { combinator: 'and', rules: [] };
}

function blueprintOf(widget: Json): string | undefined {
  if (typeof widget.blueprint === 'string') return widget.blueprint;
  return blueprintsNamed(asQuery(widget.dataset))?.[0];
}

/** The entities a widget's dataset (and a table's own filter) select. */
function selected(reader: SandboxReader, widget: Json, blueprint: string, extra?: unknown): Json[] {
  const query = asQuery(widget.dataset);
  const rules: unknown[] = query.rules.length > 0 || !extra ? [query] : [];
  if (extra) rules.push(extra);
  return reader.entities(blueprint, rules.length > 0 ? { combinator: 'and', rules } : undefined);
}

/**
 * A number as the number chart shows it.
 * Port: confirmed (SPEC number chart displayFormatting none|round|custom, decimalPlaces, unit, unitAlignment)
 */
export function formatNumber(value: number | undefined, widget: Json): string {
  if (value === undefined) return '-';
  const decimals =
    widget.displayFormatting === 'round'
      ? 0
      : widget.displayFormatting === 'custom'
        ? String(widget.decimalPlaces ?? '.00').length - 1
        : undefined;
  const text =
    decimals === undefined
      ? value.toLocaleString('en-US', { maximumFractionDigits: 20 })
      : value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const unit =
    widget.unit === 'custom'
      ? String(widget.unitCustom ?? '')
      : widget.unit === 'none' || widget.unit === undefined
        ? ''
        : String(widget.unit);
  if (!unit) return text;
  return widget.unitAlignment === 'right' ? `${text} ${unit}` : `${unit}${text}`;
}

const CONDITIONS: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function numberWidget(reader: SandboxReader, widget: Json): WidgetValue {
  const blueprint = blueprintOf(widget);
  if (!blueprint) return { kind: 'unsupported', reason: 'names no blueprint' };
  let value: number | undefined;
  if (widget.chartType === 'displaySingleProperty') {
    const entity = reader.entity(blueprint, String(widget.entity ?? ''));
    const v = entity ? fieldOf(entity, String(widget.property ?? '')) : undefined;
    value = typeof v === 'number' ? v : undefined;
  } else {
    const entities = selected(reader, widget, blueprint);
    const byEntities = widget.calculationBy === 'entities' || widget.chartType === 'countEntities';
    if (byEntities && widget.func === 'average')
      return { kind: 'unsupported', reason: 'averages per time period are not computed by the preview' };
    // Port: confirmed (DOCS data-widgets.md § Number chart — aggregates over every matching entity)
    value = calculate(
      {
        calculationBy: byEntities ? 'entities' : 'property',
        func: byEntities ? 'count' : String(widget.func),
        property: String(widget.property ?? ''),
        averageOf: 'total',
      },
      entities,
      (e) => fieldOf(e, String(widget.property ?? '')),
    );
  }
  const rules = Array.isArray(widget.conditionalFormatting) ? (widget.conditionalFormatting as Json[]) : [];
  const hit = value === undefined ? undefined : rules.find((r) => CONDITIONS[String(r.operator)]?.(value, Number(r.value)));
  return {
    kind: 'number',
    ...(value !== undefined ? { value } : {}),
    text: formatNumber(value, widget),
    ...(hit
      ? { format: { ...(hit.color ? { color: String(hit.color) } : {}), ...(hit.message ? { message: String(hit.message) } : {}) } }
      : {}),
  };
}

/**
 * Entities counted per value of one property. An entity with a list value counts once per
 * element; one with no value counts under "No value"; past 14 slices the smallest become "Other".
 * Port: confirmed (SPEC pie/bar `property#<id>`; DOCS data-widgets.md — at most 14 slices, then Other);
 * the list and empty-value slices are the preview's reading of Port's charts.
 */
function chartWidget(reader: SandboxReader, widget: Json, kind: 'pie' | 'bar'): WidgetValue {
  const blueprint = blueprintOf(widget);
  if (!blueprint) return { kind: 'unsupported', reason: 'names no blueprint' };
  const counts = new Map<string, number>();
  const entities = selected(reader, widget, blueprint);
  for (const entity of entities) {
    const value = chartFieldOf(entity, String(widget.property ?? ''));
    const labels = Array.isArray(value) ? (value.length > 0 ? value.map(display) : [NO_VALUE]) : [display(value) || NO_VALUE];
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  let slices = [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  if (slices.length > MAX_SLICES) {
    const other = slices.slice(MAX_SLICES - 1).reduce((sum, s) => sum + s.count, 0);
    slices = [...slices.slice(0, MAX_SLICES - 1), { label: 'Other', count: other }];
  }
  return { kind, slices, total: entities.length };
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** Two non-blank values in ascending order: numbers by value, the rest as displayed text. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return display(a).localeCompare(display(b));
}

/** A table's rows: its dataset and filter, sorted by its sort settings, its shown columns in order. */
function tableWidget(reader: SandboxReader, widget: Json): WidgetValue {
  const blueprint = blueprintOf(widget);
  if (!blueprint) return { kind: 'unsupported', reason: 'names no blueprint' };
  const config = ((widget.blueprintConfig ?? {}) as Record<string, Json>)[blueprint] ?? {};
  const filter = ((config.filterSettings ?? {}) as Json).filterBy;
  const entities = selected(reader, widget, blueprint, filter);
  const settings = (config.propertiesSettings ?? {}) as { shown?: string[]; order?: string[] };
  const shown = settings.shown ?? ['$title'];
  const columns = [...(settings.order ?? []).filter((c) => shown.includes(c)), ...shown.filter((c) => !(settings.order ?? []).includes(c))];
  const sortBy = (((config.sortSettings ?? {}) as Json).sortBy ?? []) as { property: string; order: 'asc' | 'desc' }[];
  const sorted = [...entities].sort((a, b) => {
    for (const { property, order } of sortBy) {
      const va = fieldOf(a, property);
      const vb = fieldOf(b, property);
      // Blank cells go last whichever the order (how the preview reads Port's table sort).
      if (isBlank(va) || isBlank(vb)) {
        if (isBlank(va) !== isBlank(vb)) return isBlank(va) ? 1 : -1;
        continue;
      }
      const c = compareValues(va, vb);
      if (c !== 0) return order === 'desc' ? -c : c;
    }
    return 0;
  });
  return {
    kind: 'table',
    blueprint,
    columns,
    titles: columns.map((c) => columnTitle(reader, blueprint, c)),
    rows: sorted.map((e) => ({ identifier: String(e.identifier), blueprint, cells: columns.map((c) => fieldOf(e, c)) })),
  };
}

/** A column's title as the blueprint names it. */
function columnTitle(reader: SandboxReader, blueprint: string, column: string): string {
  if (column.startsWith('$')) return column.slice(1, 2).toUpperCase() + column.slice(2);
  const def = reader.blueprints().find((b) => b.identifier === blueprint);
  const entry =
    def?.schema.properties[column] ?? def?.mirrorProperties[column] ?? def?.aggregationProperties[column] ?? def?.relations[column];
  const title = entry?.title ?? reader.scorecards(blueprint).find((s) => s.identifier === column)?.title;
  return typeof title === 'string' ? title : column;
}

export function evaluateWidget(reader: SandboxReader, widget: Json): WidgetValue {
  switch (widget.type) {
    case 'entities-number-chart':
      return numberWidget(reader, widget);
    case 'entities-pie-chart':
      return chartWidget(reader, widget, 'pie');
    case 'bar-chart':
      return chartWidget(reader, widget, 'bar');
    case 'table-entities-explorer':
      return tableWidget(reader, widget);
    default:
      return { kind: 'unsupported', reason: `widget type ${String(widget.type)} is not drawn by the preview` };
  }
}

/** Every dashboard page in the sandbox, each widget evaluated. */
export function evaluateDashboards(reader: SandboxReader): EvaluatedDashboard[] {
  return reader
    .pages()
    .filter((p) => p.type === 'dashboard')
    .sort((a, b) => String(a.identifier).localeCompare(String(b.identifier)))
    .map((page) => {
      const roots = (Array.isArray(page.widgets) ? page.widgets : []) as Json[];
      const root = roots.find((w) => w.type === 'dashboard-widget');
      const children = (root && Array.isArray(root.widgets) ? root.widgets : roots) as Json[];
      const layout = (
        root && Array.isArray(root.layout) ? root.layout : [{ height: 400, columns: children.map((w) => ({ id: w.id, size: 12 })) }]
      ) as EvaluatedDashboard['layout'];
      return {
        identifier: String(page.identifier),
        title: String(page.title ?? page.identifier),
        layout,
        widgets: children.map((w) => ({
          id: String(w.id),
          type: String(w.type),
          title: String(w.title ?? w.id),
          value: evaluateWidget(reader, w),
        })),
      };
    });
}
