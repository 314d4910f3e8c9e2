import { z } from 'zod';
import { schemaError } from './http-error.js';
import { PAGE_IDENTIFIER } from './identifiers.js';
import { parseRoute } from './schema-check.js';
import type { Json } from './types.js';

// Port: confirmed (SPEC /v1/pages widget `type` enums, PORT-API.md 5.3)
const WIDGET_TYPES = new Set([
  'dashboard-widget',
  'grouper',
  'markdown',
  'iframe-widget',
  'line-chart',
  'multi-line-chart',
  'bar-chart',
  'entities-pie-chart',
  'entities-number-chart',
  'table-entities-explorer',
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
]);

/** Port: confirmed (SPEC /v1/pages body; top level additionalProperties true) */
const PageBody = z.looseObject({
  identifier: z.string().min(1).regex(PAGE_IDENTIFIER, 'identifier does not match the page identifier pattern'),
  type: z
    .enum(['run', 'user', 'team', 'entity', 'users-and-teams', 'runs-history', 'audit-log', 'blueprint-entities', 'dashboard', 'home'])
    .optional(),
  title: z.string().optional(),
  widgets: z.array(z.looseObject({ type: z.string() })).optional(),
});

// Port: confirmed (SPEC /schemas/dashboardWidget — layout rows need height and columns {id, size})
const Layout = z.array(
  z.looseObject({
    height: z.number(),
    columns: z.array(z.looseObject({ id: z.string(), size: z.number().int().min(1).max(12) })),
  }),
);

/** A full page body, as POST and PUT take it. */
export function parsePage(body: unknown): Json {
  const page = parseRoute(PageBody, body);
  checkWidgets(page.widgets ?? [], 'body/widgets');
  return page;
}

/**
 * Widget types are known ones, and a dashboard widget's layout places only its own children, each
 * id once. Port: assumed (unlisted; page-widget-checks)
 */
function checkWidgets(widgets: readonly Json[], where: string): void {
  widgets.forEach((widget, i) => {
    const type = String(widget.type);
    if (!WIDGET_TYPES.has(type)) throw schemaError(`${where}/${i}/type "${type}" is not a known widget type`);
    if (type === 'dashboard-widget') checkDashboard(widget, `${where}/${i}`);
  });
}

function checkDashboard(widget: Json, where: string): void {
  const layout = parseRoute(Layout, widget.layout ?? [], `${where}/layout`);
  const children = Array.isArray(widget.widgets) ? (widget.widgets as Json[]) : [];
  const ids = new Set<string>();
  children.forEach((child, i) => {
    if (typeof child !== 'object' || child === null || typeof child.id !== 'string')
      throw schemaError(`${where}/widgets/${i} needs a string id`);
    if (ids.has(child.id)) throw schemaError(`${where}/widgets/${i}/id "${child.id}" is used twice`);
    ids.add(child.id);
  });
  checkWidgets(children, `${where}/widgets`);
  layout.forEach((row, r) =>
    row.columns.forEach((column, c) => {
      if (!ids.has(column.id)) throw schemaError(`${where}/layout/${r}/columns/${c}/id "${column.id}" is not a widget of this dashboard`);
    }),
  );
}
