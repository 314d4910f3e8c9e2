import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../src/heap.js';

/**
 * A child process that applies the policy (or not), keeps ~100 MB live and churns garbage, then
 * prints its peak heap: the limit must keep the peak near the live data.
 */
const CHURN = `
  const { limitHeapGrowth } = await import(process.env.HEAP_MODULE);
  const applied = process.env.APPLY ? limitHeapGrowth() : undefined;
  const live = [];
  for (let i = 0; i < 1e6; i += 1) live.push({ a: 'x' + i, b: [i] });
  let peak = 0;
  let garbage = [];
  for (let round = 0; round < 200; round += 1) {
    for (let i = 0; i < 20000; i += 1) garbage.push({ round, i, s: 'y' + i });
    if (garbage.length > 100000) garbage = [];
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  console.log(JSON.stringify({ applied, peakMb: peak / 1048576, live: live.length }));
`;

function churn(apply: boolean, execArgv: string[] = []): { applied?: number; peakMb: number } {
  // A 4 GiB heap ceiling whatever the machine: V8 picks its own growth from it, as on a roomy host.
  const out = execFileSync(
    process.execPath,
    ['--max-old-space-size=4096', ...execArgv, '--import', 'tsx', '--input-type=module', '-e', CHURN],
    {
      env: { ...process.env, HEAP_MODULE: new URL('../src/heap.ts', import.meta.url).href, APPLY: apply ? '1' : '' },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as { applied?: number; peakMb: number };
}

describe('limitHeapGrowth', () => {
  it('keeps the heap near its live data where V8 alone lets garbage pile up', () => {
    const without = churn(false);
    const withLimit = churn(true);
    expect(withLimit.applied).toBe(HEAP_GROWING_PERCENT);
    // ~130 MB live: V8 alone peaks near three times that under a large heap ceiling, the limit near
    // one and a half times.
    expect(withLimit.peakMb, `${withLimit.peakMb} MB with the limit, ${without.peakMb} MB without`).toBeLessThan(without.peakMb * 0.8);
  }, 60_000);

  it('leaves a process started with its own --heap-growing-percent as it is', () => {
    expect(limitHeapGrowth(['--heap-growing-percent=20'])).toBeUndefined();
    expect(limitHeapGrowth(['--heap_growing_percent', '20'])).toBeUndefined();
    expect(churn(true, ['--heap-growing-percent=300']).applied).toBeUndefined();
  }, 60_000);
});
