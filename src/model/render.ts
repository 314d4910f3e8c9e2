import { preview } from './diff.js';
import type { ModelPlan, PlanItem } from './plan.js';

const SYMBOL: Record<PlanItem['action'], string> = { create: '+', update: '~', unchanged: '=', delete: '-', refused: '!' };
const SECTIONS: [PlanItem['kind'], string][] = [
  ['blueprint', 'Blueprints'],
  ['scorecard', 'Scorecards'],
  ['page', 'Pages'],
];

/** The plan as a person reads it in a terminal or a merge request. */
export function renderPlan(plan: ModelPlan, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  for (const [kind, title] of SECTIONS) {
    const items = plan.items.filter((i) => i.kind === kind);
    if (items.length === 0) continue;
    lines.push(title);
    for (const item of items) lines.push(...renderItem(item, options.verbose ?? false));
  }
  if (plan.notManaged.length > 0) {
    lines.push('', `In Port but in no model file (kept; name one with --prune to delete it): ${plan.notManaged.join(', ')}`);
  }
  lines.push('', summary(plan));
  return lines.join('\n');
}

export function summary(plan: ModelPlan): string {
  const count = (action: PlanItem['action']) => plan.items.filter((i) => i.action === action).length;
  const refused = count('refused');
  return `Plan: ${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete, ${count('unchanged')} unchanged${
    refused ? `, ${refused} refused (nothing will be applied)` : ''
  }.`;
}

function renderItem(item: PlanItem, verbose: boolean): string[] {
  const name = item.kind === 'scorecard' ? `${item.blueprint}/${item.identifier}` : item.identifier;
  const where = item.file ? `  (${item.file})` : '';
  const head = `  ${SYMBOL[item.action]} ${item.action.padEnd(9)} ${name}${where}`;
  if (item.action === 'unchanged') return item.reasons.length ? [`${head}: ${item.reasons.join('; ')}`] : [head];
  const reasons = item.reasons.map((r) => `      ! ${r}`);
  if (item.action === 'delete') return [head, ...item.reasons.map((r) => `      ${r}`)];
  // A new definition is listed in full only on request: the file is the diff.
  if (item.action === 'create' && !verbose) return [head];
  return [
    head,
    ...reasons,
    ...item.changes.map((c) =>
      c.op === 'add' ? `      + ${c.path}: ${preview(c.after)}` : `      ~ ${c.path}: ${preview(c.before)} -> ${preview(c.after)}`,
    ),
  ];
}
