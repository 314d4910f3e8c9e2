import type { ContractReport } from './runner.js';

/** A Markdown table, so the output pastes into an issue or a README as it is. */
export function formatTable(report: ContractReport, server: string): string {
  const header = ['assumption id', 'what the sandbox does', `what ${server} did`, 'result'];
  const rows = report.results.map((r) => [
    r.id,
    r.sandbox,
    r.outcome.observed,
    r.outcome.reason ? `${r.outcome.verdict}: ${r.outcome.reason}` : r.outcome.verdict,
  ]);
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`);
  return [...lines, '', ...summary(report)].join('\n');
}

function summary(report: ContractReport): string[] {
  const count = (verdict: string) => report.results.filter((r) => r.outcome.verdict === verdict).length;
  const lines = [`${count('held')} held, ${count('differs')} differ, ${count('not probed')} not probed (scratch prefix ${report.prefix})`];
  if (report.setupError) lines.push(`Scratch setup failed, so no case ran: ${report.setupError}`);
  if (report.interrupted) lines.push('Interrupted: the remaining cases did not run.');
  if (report.cleanupProblems.length === 0) lines.push(`Cleanup: nothing starting with ${report.prefix} is left.`);
  else
    lines.push(
      `Cleanup left things behind; delete what starts with ${report.prefix} by hand:`,
      ...report.cleanupProblems.map((p) => `  - ${p}`),
    );
  return lines;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
