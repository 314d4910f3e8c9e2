import type { z } from 'zod';
import type { ModelIndex, PageEntry } from './model-index.js';
import { problem, renderPath } from './problems.js';
import type { ModelProblem } from './types.js';
import { widgetReferenceProblems } from './validate-widgets.js';
import type { Layout, WidgetBody } from './widget-schema.js';

/** Port's dashboard grid is 12 columns wide (PORT-API.md 5.2). */
const ROW_COLUMNS = 12;

/**
 * Structure of every dashboard: widget ids unique on the page, each layout row placing only the
 * dashboard's own children within 12 columns, every child placed; plus each widget's references.
 */
export function pageProblems(index: ModelIndex): ModelProblem[] {
  return index.pages.flatMap((page) => onePage(index, page));
}

function onePage(index: ModelIndex, { file, body }: PageEntry): ModelProblem[] {
  const out: ModelProblem[] = [];
  const firstAt = new Map<string, string>();

  const visit = (widget: WidgetBody, at: PropertyKey[]): void => {
    if (typeof widget.id !== 'string') {
      out.push(problem(file, at, 'needs an "id": layouts place widgets by id'));
    } else if (firstAt.has(widget.id)) {
      out.push(problem(file, [...at, 'id'], `widget id "${widget.id}" is already used at ${firstAt.get(widget.id)}`));
    } else {
      firstAt.set(widget.id, renderPath(at));
    }
    out.push(...widgetReferenceProblems(index, file, at, widget));
    if (widget.type === 'dashboard-widget') {
      const children = widget.widgets as WidgetBody[];
      out.push(...layoutProblems(file, at, widget.layout as z.infer<typeof Layout>, children));
      children.forEach((child, i) => visit(child, [...at, 'widgets', i]));
    }
    if (widget.type === 'grouper') {
      (widget.groups as Array<{ widgets: WidgetBody[] }>).forEach((group, g) =>
        group.widgets.forEach((child, i) => visit(child, [...at, 'groups', g, 'widgets', i])),
      );
    }
  };
  body.widgets.forEach((widget, i) => visit(widget, ['widgets', i]));
  return out;
}

function layoutProblems(file: string, at: PropertyKey[], layout: z.infer<typeof Layout>, children: WidgetBody[]): ModelProblem[] {
  const out: ModelProblem[] = [];
  const childIds = new Set(children.map((c) => c.id).filter((id): id is string => typeof id === 'string'));
  const placed = new Set<string>();
  layout.forEach((row, r) => {
    const width = row.columns.reduce((sum, column) => sum + column.size, 0);
    if (width > ROW_COLUMNS)
      out.push(problem(file, [...at, 'layout', r, 'columns'], `column sizes add up to ${width}; a row is ${ROW_COLUMNS} wide`));
    row.columns.forEach((column, c) => {
      const where = [...at, 'layout', r, 'columns', c, 'id'];
      if (!childIds.has(column.id)) out.push(problem(file, where, `"${column.id}" is not a widget of this dashboard`));
      else if (placed.has(column.id)) out.push(problem(file, where, `"${column.id}" is placed twice`));
      placed.add(column.id);
    });
  });
  children.forEach((child, i) => {
    if (typeof child.id === 'string' && !placed.has(child.id)) {
      out.push(problem(file, [...at, 'widgets', i], `widget "${child.id}" is not placed in the layout, so Port does not show it`));
    }
  });
  return out;
}
