import type { ScorecardSummary } from './scorecards.js';
import { display } from './values.js';
import { TABLE_ROWS_SHOWN, type EvaluatedDashboard, type WidgetValue } from './widgets.js';

export interface PreviewSummary {
  /** Entities per blueprint in the sandbox. */
  entities: Record<string, number>;
  scorecards: ScorecardSummary[];
  dashboards: EvaluatedDashboard[];
}

function renderValue(value: WidgetValue): string[] {
  switch (value.kind) {
    case 'number':
      return [`${value.text}${value.format?.message ? `  (${value.format.message})` : ''}`];
    case 'pie':
    case 'bar':
      return [`${value.kind}, ${value.total} entities: ${value.slices.map((s) => `${s.label} ${s.count}`).join(', ') || 'no slices'}`];
    case 'table': {
      const rows = value.rows.slice(0, TABLE_ROWS_SHOWN).map((r) => `      ${r.cells.map((c) => display(c) || '-').join(' | ')}`);
      const more = value.rows.length > TABLE_ROWS_SHOWN ? [`      ... ${value.rows.length - TABLE_ROWS_SHOWN} more`] : [];
      return [
        `table, ${value.rows.length} row${value.rows.length === 1 ? '' : 's'}: ${value.columns.map((c) => c.replace(/^\$/, '')).join(' | ')}`,
        ...rows,
        ...more,
      ];
    }
    case 'unsupported':
      return [`not shown: ${value.reason}`];
  }
}

/** The preview as text: per scorecard its levels and most failing rules, per dashboard every widget's value. */
export function renderPreview(summary: PreviewSummary): string {
  const lines: string[] = ['Scorecards (entities per level; rules failing most, with how many entities fail them):'];
  if (summary.scorecards.length === 0) lines.push('  none');
  for (const s of summary.scorecards) {
    lines.push(`  ${s.title} (${s.blueprint}, ${s.evaluated} entities): ${s.levels.map((l) => `${l.title} ${l.count}`).join(', ')}`);
    lines.push(
      s.failing.length === 0 ? '    no rule fails' : `    failing most: ${s.failing.map((f) => `${f.title} ${f.count}`).join(', ')}`,
    );
  }
  lines.push('', 'Dashboards (every widget as Port shows it):');
  if (summary.dashboards.length === 0) lines.push('  none');
  for (const d of summary.dashboards) {
    lines.push(`  ${d.title}`);
    for (const w of d.widgets) {
      const [first = '', ...rest] = renderValue(w.value);
      lines.push(`    ${w.title}: ${first}`, ...rest);
    }
  }
  return lines.join('\n');
}
