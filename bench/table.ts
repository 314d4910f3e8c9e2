import type { ScenarioResult } from './measure.js';

interface Column {
  title: string;
  value: (r: ScenarioResult) => string;
  /** Text columns read better left-aligned; numbers right-aligned so digits line up. */
  left?: boolean;
}

const mb = (n: number) => n.toFixed(0);

const COLUMNS: Column[] = [
  { title: 'size', value: (r) => String(r.size) },
  { title: 'scenario', value: (r) => r.scenario, left: true },
  { title: 'reads', value: (r) => String(r.calls.reads) },
  { title: 'writes', value: (r) => String(r.calls.writes) },
  { title: 'entity writes/floor', value: (r) => `${r.sandbox.entityWrites}/${r.floors.entityWrites}` },
  { title: 'searches/floor', value: (r) => `${r.sandbox.searches}/${r.floors.searches}` },
  { title: 'created/updated/deleted', value: (r) => `${r.totals.created}/${r.totals.updated}/${r.totals.deleted}` },
  { title: '429/retries', value: (r) => `${r.sandbox.throttled}/${r.calls.retries}` },
  { title: 'waited s', value: (r) => (r.calls.waitedMs / 1000).toFixed(1) },
  { title: 'wall s', value: (r) => (r.wallMs / 1000).toFixed(1) },
  { title: 'floor s', value: (r) => r.floors.wallSeconds.toFixed(1) },
  { title: 'wall/floor', value: (r) => (r.scenario === 'first sync' ? (r.wallMs / 1000 / r.floors.wallSeconds).toFixed(2) : '') },
  { title: 'RSS MB', value: (r) => mb(r.memory.rssMb) },
  { title: 'heap MB', value: (r) => mb(r.memory.heapMb) },
  { title: 'maxRSS MB', value: (r) => mb(r.memory.maxRssMb) },
  { title: 'stall ms', value: (r) => r.memory.longestGapMs.toFixed(0) },
  { title: 'sandbox RSS MB', value: (r) => mb(r.sandbox.memory.rssMb) },
];

/** One markdown table, padded so it also reads aligned in a terminal. */
export function formatTable(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => COLUMNS.map((c) => c.value(r)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (COLUMNS[i]!.left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (COLUMNS[i]!.left ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(COLUMNS.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}

/** Any rows as one aligned markdown table; `left` names the text columns (left-aligned). */
export function formatRows(header: readonly string[], rows: readonly string[][], left: readonly number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const isLeft = (i: number) => left.includes(i);
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (isLeft(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (isLeft(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
