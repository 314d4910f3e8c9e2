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

/**
 * The young generation's semi-space ceiling, MB, for the Node flag `--max-semi-space-size`, which V8
 * reads only when the process starts: the image sets it in NODE_OPTIONS and `npm run bench` starts
 * its measured process with it. V8's default (16 MB per semi-space, three of them committed at
 * full size) is resident memory a 10k-entity sync pays for in full; 2 MB keeps a 10k sync under
 * 130 MB and a 100k one near 340 MB, with no longer stalls or wall time (bench/README.md).
 */
export const SEMI_SPACE_MB = 2;

/** The Node option that sets it, as NODE_OPTIONS and the benchmark's command carry it. */
export const SEMI_SPACE_OPTION = `--max-semi-space-size=${SEMI_SPACE_MB}`;

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
