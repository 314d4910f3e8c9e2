import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 may let the heap grow past what the last full collection found live before it collects
 * again, in percent.
 *
 * V8 picks this factor itself, between 1.1x and 4x, from how fast the program allocates and from the
 * heap's maximum, which it sizes from the machine's memory: on a host with a few GiB to spare it
 * lets a sync's promoted garbage (request bodies, answers, the join's intermediate values) pile up
 * to four times its live data before a full collection. A 100k-entity sync lives in ~150 MB but
 * then peaks at 600-800 MB, which is what a Fargate pod is billed for and what its memory limit
 * must allow. At 1.5x, full collections come more often (each mostly concurrent and incremental, so
 * the event loop is not held) and the peak follows the live data; `npm run bench` shows both.
 */
export const HEAP_GROWING_PERCENT = 50;

/** The V8 flag behind it, read by V8 at every full collection (so it takes effect when set at start). */
const FLAG = '--heap-growing-percent';

/**
 * Applies the heap growth limit to this process, unless the process was started with its own
 * `--heap-growing-percent` (an operator's choice wins). Returns the percent in effect, if any.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): number | undefined {
  const own = execArgv.some((arg) => {
    const name = arg.split('=')[0]!.replaceAll('_', '-');
    return name === FLAG;
  });
  if (own) return undefined;
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}
