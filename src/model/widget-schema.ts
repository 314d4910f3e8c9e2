import { z } from 'zod';
import { Dataset, EntitiesQuery } from './query-schema.js';
import { Color, QueryDatePreset } from './schema-common.js';

/*
 * Dashboard widgets (PORT-API.md 5.2-5.3, OpenAPI `/v1/pages` widget `anyOf`). A widget type
 * Port's spec closes (`additionalProperties: false`) is strict here; the number chart, markdown
 * and iframe widgets, which Port leaves open, accept extra keys; types we do not draw are accepted
 * with their type only, so an exported page that uses them still loads.
 */

/** A widget after validation: its type, its id and whatever keys its type allows. */
export type WidgetBody = { type: string; id?: string } & { [key: string]: unknown };

/** Keys Port stamps on every widget; allowed so an exported page loads as it is. */
const stamps = {
  id: z.string().min(1).optional(),
  createdAt: z.string().optional(),
  createdBy: z.string().optional(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
};

const TableSettings = z.strictObject({
  filterSettings: z.strictObject({ filterBy: EntitiesQuery }).optional(),
  groupSettings: z.strictObject({ groupBy: z.array(z.string()) }).optional(),
  sortSettings: z
    .strictObject({ sortBy: z.array(z.strictObject({ property: z.string().min(1), order: z.enum(['asc', 'desc']) })).optional() })
    .optional(),
  propertiesSettings: z
    .strictObject({ hidden: z.array(z.string()).optional(), shown: z.array(z.string()).optional(), order: z.array(z.string()).optional() })
    .optional(),
  tabIndex: z.number().optional(),
  hidden: z.boolean().optional(),
  title: z.string().max(20).optional(),
  description: z.string().optional(),
});
export type TableSettings = z.infer<typeof TableSettings>;

const described = {
  title: z.string().optional(),
  icon: z.string().optional(),
  description: z.string().optional(),
  emptyStateText: z.string().optional(),
};

const Table = z.strictObject({
  ...stamps,
  ...described,
  type: z.literal('table-entities-explorer'),
  blueprint: z.string().optional(),
  dataset: EntitiesQuery,
  excludedFields: z.array(z.string()).optional(),
  displayMode: z.enum(['tabs', 'single', 'widget']).optional(),
  entitiesQueryMode: z.enum(['standard', 'optimized']).optional(),
  blueprintConfig: z.record(z.string(), TableSettings).optional(),
});

/**
 * Pie and bar charts count entities per value of one property (`property#<id>`, `relation#<id>`), or
 * per level of one scorecard (`scorecard#<id>`, as Port's exported pages write it).
 */
const chartKeys = {
  ...stamps,
  ...described,
  blueprint: z.string().optional(),
  property: z
    .string()
    .regex(/^(property|relation|scorecard)#.+$/, 'must be "property#<identifier>", "relation#<identifier>" or "scorecard#<identifier>"'),
  dataset: EntitiesQuery,
  segmentTableViewConfig: z.record(z.string(), TableSettings).optional(),
};
const PieChart = z.strictObject({ ...chartKeys, type: z.literal('entities-pie-chart') });
const BarChart = z.strictObject({ ...chartKeys, type: z.literal('bar-chart') });

const NumberChart = z
  .looseObject({
    ...stamps,
    ...described,
    type: z.literal('entities-number-chart'),
    unit: z.enum(['none', '$', '€', '£', '%', 'custom']),
    unitCustom: z.string().optional(),
    unitAlignment: z.enum(['left', 'right']).optional(),
    blueprint: z.string().optional(),
    chartType: z.enum(['displaySingleProperty', 'countEntities', 'aggregateByProperty']).optional(),
    calculationBy: z.enum(['entities', 'property']).optional(),
    func: z.enum(['sum', 'average', 'min', 'max', 'median', 'count']).optional(),
    property: z.string().min(1).optional(),
    entity: z.string().optional(),
    dataset: Dataset.optional(),
    averageOf: z.enum(['hour', 'day', 'week', 'month', 'total']).optional(),
    measureTimeBy: z.string().optional(),
    displayFormatting: z.enum(['none', 'round', 'custom']).optional(),
    decimalPlaces: z.enum(['.0', '.00', '.000', '.0000', '.00000']).optional(),
    conditionalFormatting: z
      .array(
        z.strictObject({
          operator: z.enum(['>', '>=', '<', '<=', '=', '!=']),
          value: z.number(),
          message: z.string().max(50).optional(),
          description: z.string().max(200).optional(),
          color: Color.optional(),
        }),
      )
      .optional(),
  })
  .superRefine((w, ctx) => {
    // Port's if/then rules for the number chart (OpenAPI `allOf`).
    const need = (key: string, why: string) => {
      if (w[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
    };
    if (w.chartType === 'countEntities' || w.chartType === 'aggregateByProperty') need('dataset', `when chartType is "${w.chartType}"`);
    if (w.chartType === 'displaySingleProperty') need('property', 'when chartType is "displaySingleProperty"');
    if (w.calculationBy === 'property') {
      need('property', 'when calculationBy is "property"');
      need('func', 'when calculationBy is "property"');
      if (w.func === 'count')
        ctx.addIssue({
          code: 'custom',
          path: ['func'],
          message: 'must be sum, average, min, max or median when calculationBy is "property"',
        });
    }
    if (w.calculationBy === 'entities') {
      need('func', 'when calculationBy is "entities"');
      if (w.func !== undefined && w.func !== 'count' && w.func !== 'average') {
        ctx.addIssue({ code: 'custom', path: ['func'], message: 'must be count or average when calculationBy is "entities"' });
      }
    }
    if (w.func === 'average') need('averageOf', 'when func is "average"');
    if (w.unit === 'custom') need('unitCustom', 'when unit is "custom"');
    if (w.displayFormatting === 'custom') need('decimalPlaces', 'when displayFormatting is "custom"');
  });

const TimeRange = z.strictObject({
  preset: QueryDatePreset.extract([
    'today',
    'yesterday',
    'lastDay',
    'lastWeek',
    'last2Weeks',
    'lastMonth',
    'last3Months',
    'last6Months',
    'last12Months',
    'last2Years',
    'last3Years',
  ]),
});
const lineKeys = {
  ...stamps,
  ...described,
  type: z.literal('line-chart'),
  blueprint: z.string().min(1),
  xAxisTitle: z.string().optional(),
  yAxisTitle: z.string().optional(),
  timeInterval: z.enum(['hour', 'day', 'isoWeek', 'month', 'quarter']).optional(),
  timeRange: TimeRange.optional(),
};
const LineChart = z.discriminatedUnion('chartType', [
  z.strictObject({
    ...lineKeys,
    chartType: z.literal('propertiesValueHistory'),
    entity: z.string().min(1),
    properties: z.array(z.string()).min(1),
  }),
  z.strictObject({
    ...lineKeys,
    chartType: z.literal('aggregatePropertiesValues'),
    func: z.enum(['sum', 'average', 'min', 'max', 'median', 'last']),
    properties: z.array(z.string()).min(1),
    measureTimeBy: z.string().min(1),
    dataset: EntitiesQuery.optional(),
  }),
  z.strictObject({
    ...lineKeys,
    chartType: z.literal('countEntities'),
    func: z.enum(['count', 'average']),
    breakdownProperty: z.string().optional(),
    measureTimeBy: z.string().min(1),
    dataset: EntitiesQuery.optional(),
  }),
]);

const Markdown = z
  .looseObject({
    ...stamps,
    type: z.literal('markdown'),
    title: z.string(),
    icon: z.string().optional(),
    source: z.enum(['custom', 'property']).optional(),
    markdown: z.string().optional(),
  })
  .refine((w) => w.markdown !== undefined || w.source === 'property', {
    message: 'needs "markdown" (or source "property" with its identifiers)',
  });

/** Widget types Port knows that these files do not model in detail. */
export const OTHER_WIDGET_TYPES = [
  'iframe-widget',
  'multi-line-chart',
  'table-entities-explorer-by-direction',
  'graph-entities-explorer',
  'entity-info',
  'entity-details',
  'links-widget',
  'action-card-widget',
  'action-runs-table-widget',
  'table-audit-log',
  'users-table',
  'teams-table',
  'runs-table',
  'ai-agent',
  'custom-widget',
  'recently-viewed-entities',
  'recently-used-actions',
  'my-entities',
  'run-info',
  'user-info',
  'team-info',
  'workflow-runs-history-table',
] as const;
const OtherWidget = z.looseObject({ ...stamps, type: z.enum(OTHER_WIDGET_TYPES) });

export const Layout = z.array(
  z.strictObject({
    height: z.number().positive(),
    columns: z.array(z.strictObject({ id: z.string().min(1), size: z.number().int().min(1).max(12) })).min(1),
  }),
);

export const DashboardWidget = z.strictObject({
  ...stamps,
  type: z.literal('dashboard-widget'),
  layout: Layout,
  get widgets() {
    return z.array(Widget);
  },
});

const Grouper = z.strictObject({
  ...stamps,
  type: z.literal('grouper'),
  title: z.string().optional(),
  displayMode: z.enum(['tabs', 'switch']),
  activeGroupUrlParam: z.string().optional(),
  groupsOrder: z.array(z.string()).optional(),
  get groups() {
    return z.array(z.strictObject({ title: z.string(), icon: z.string().optional(), widgets: z.array(Widget) }));
  },
});

export const Widget: z.ZodType<WidgetBody> = z.lazy(() =>
  z.discriminatedUnion('type', [DashboardWidget, Grouper, Table, PieChart, BarChart, NumberChart, LineChart, Markdown, OtherWidget]),
);
