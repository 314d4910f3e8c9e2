import type { Json } from '../scratch.js';

/** A scorecard of the main blueprint with one Bronze rule (Basic, the first default level, takes none). */
export function scorecardBody(identifier: string, conditions: Json[]): Json {
  return {
    identifier,
    title: identifier,
    rules: [{ identifier: 'pcsRule', title: 'Contract rule', level: 'Bronze', query: { combinator: 'and', conditions } }],
  };
}

/** Conditions on a property, a `$` meta-property and a relation that the main blueprint has. */
export const VALID_CONDITIONS: Json[] = [
  { property: 'count', operator: '>=', value: 1 },
  { property: '$team', operator: 'isNotEmpty' },
  { relation: 'single', operator: 'isNotEmpty' },
];

export const note = (id: string): Json => ({
  id,
  type: 'markdown',
  title: 'Note',
  markdown: 'Scratch page of the port-catalog-sync contract check',
});

/**
 * A dashboard page whose root widget lays out `columns` over `children`. Kept out of the sidebar:
 * the page lives only until cleanup, but people browse the org meanwhile.
 */
export function dashboardPage(
  identifier: string,
  title: string,
  children: Json[] = [note('pcsNote')],
  columns = children.map((c) => String(c.id)),
): Json {
  const size = Math.floor(12 / columns.length);
  return {
    identifier,
    title,
    type: 'dashboard',
    showInSidebar: false,
    widgets: [
      {
        id: 'pcsRoot',
        type: 'dashboard-widget',
        layout: [{ height: 400, columns: columns.map((id) => ({ id, size })) }],
        widgets: children,
      },
    ],
  };
}
