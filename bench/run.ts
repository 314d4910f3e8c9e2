import { cpus } from 'node:os';
import { entityCount } from './estate.js';
import { formatGitlabTable, measureGitlab, type GitlabResult } from './gitlab.js';
import { loadBenchModel, measureSize, type ScenarioResult } from './measure.js';
import { SAMPLE_INTERVAL_MS } from './memory.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { formatTable } from './table.js';

/** `npm run bench`: see bench/README.md for what each column means. */
async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const model = loadBenchModel();
  const started = performance.now();
  const results: ScenarioResult[] = [];
  // Progress goes to stderr so stdout is the header and the table alone.
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  for (const size of options.sizes) results.push(...(await measureSize(size, options, model, progress)));
  const gitlab: GitlabResult[] = options.gitlabProjects > 0 ? await measureGitlab(options.gitlabProjects, options, model, progress) : [];
  const elapsed = (performance.now() - started) / 1000;

  process.stdout.write(`${header(options, elapsed)}\n\n${formatTable(results)}\n${retryNotes(results)}`);
  if (gitlab.length > 0) {
    process.stdout.write(
      `\nThe gitlab source (${options.gitlabProjects} projects in ${8} groups, a fifth of them monorepos of three services; floor: the fewest GitLab requests the scenario can make):\n\n${formatGitlabTable(gitlab)}\n`,
    );
  }
  const problems = [
    ...results.flatMap((r) => r.problems.map((p) => `${r.size} ${r.scenario}: ${p}`)),
    ...gitlab.flatMap((r) => r.problems.map((p) => `gitlab ${r.projects} ${r.scenario}: ${p}`)),
  ];
  if (problems.length > 0) {
    process.stdout.write(
      `\nThe sync did not do what the scenarios expect, so these numbers are not valid:\n${problems.map((p) => `- ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  return 0;
}

/** One line per scenario that retried, saying why: a retry is cheap or alarming depending on its cause. */
function retryNotes(results: readonly ScenarioResult[]): string {
  const lines = results
    .filter((r) => Object.keys(r.retryReasons).length > 0)
    .map(
      (r) =>
        `- ${r.size} ${r.scenario}: ${Object.entries(r.retryReasons)
          .map(([reason, n]) => `${n} × ${reason}`)
          .join(', ')}`,
    );
  return lines.length === 0 ? '' : `\nRetries by reason:\n${lines.join('\n')}\n`;
}

function header(options: BenchOptions, elapsedSeconds: number): string {
  const cpu = cpus();
  const sizes = options.sizes.map((s) => `${s} awsResource (${entityCount(s)} entities)`).join(', ');
  return [
    `# port-catalog-sync benchmark — ${new Date().toISOString()}`,
    '',
    `- Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; whole run ${elapsedSeconds.toFixed(0)} s`,
    `- Sandbox: ${options.latencyMs} ms added to every request, rate limit ${options.rateLimit.limit} requests / ${options.rateLimit.periodSeconds} s, request bodies not kept; one fresh sandbox per size, in a child process`,
    `- Sizes: ${sizes}; client with the CLI's defaults (concurrency, retries, pacing)`,
    "- reads/writes: the client's own count for the whole scenario; report r/w: the run report's count (taken before the run writes its own syncRun report); waited s: time the client spent pacing or backing off",
    `- Memory: RSS MB and heap MB are peaks sampled every ${SAMPLE_INTERVAL_MS} ms in the sync process only (a full GC before each scenario); maxRSS MB is the kernel high-water mark of the sync process so far (never goes down); stall ms is the longest gap between samples (the event loop was busy, a peak inside may be missed); sandbox RSS MB is the sandbox process, sampled the same way`,
  ].join('\n');
}

process.exitCode = await main(process.argv.slice(2));
