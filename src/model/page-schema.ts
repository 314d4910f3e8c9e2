import { z } from 'zod';
import { EntitiesQuery, EntitiesRule } from './query-schema.js';
import { PAGE_IDENTIFIER } from './schema-common.js';
import { DashboardWidget } from './widget-schema.js';

/*
 * The body of POST /v1/pages for a dashboard (PORT-API.md 5.2): one root `dashboard-widget` whose
 * layout places its child widgets. Port leaves the page's top level open; ours lists every key
 * Port documents and rejects the rest.
 */

const PageFilter = z.strictObject({
  identifier: z.string().min(1),
  title: z.string(),
  query: z.strictObject({
    blueprint: z.string().optional(),
    combinator: z.literal('and'),
    rules: z.array(z.union([EntitiesRule, EntitiesQuery])),
  }),
});

export const PageBody = z.strictObject({
  identifier: z.string().min(1).regex(PAGE_IDENTIFIER, 'must be a page identifier: letters, digits and @ _ . : / = -'),
  title: z.string().min(1),
  description: z.string().optional(),
  icon: z.string().optional(),
  type: z.literal('dashboard'),
  blueprint: z.string().optional(),
  sidebar: z.enum(['catalog']).nullable().optional(),
  parent: z.string().nullable().optional(),
  after: z.string().nullable().optional(),
  locked: z.boolean().optional(),
  protected: z.boolean().optional(),
  showInSidebar: z.boolean().optional(),
  section: z.enum(['software_catalog', 'organization']).optional(),
  requiredQueryParams: z.array(z.string()).optional(),
  pageFilters: z.array(PageFilter).optional(),
  widgets: z.array(DashboardWidget).length(1, 'a dashboard has exactly one root widget, of type "dashboard-widget"'),
});
export type PageBody = z.infer<typeof PageBody>;
