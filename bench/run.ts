import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { entityCount } from './estate.js';
import type { GitlabResult } from './gitlab.js';
import type { AwsResult } from './aws.js';
import type { CostResult } from './cost.js';
import type { KubernetesResult } from './kubernetes.js';
import { loadBenchModel, measureSize, type ScenarioResult } from './measure.js';
import { SAMPLE_INTERVAL_MS } from './memory.js';
import { KUBERNETES_CLUSTERS_MEASURED, parseOptions, USAGE, type BenchOptions } from './options.js';
import { formatTable } from './table.js';
import { limitHeapGrowth, SEMI_SPACE_OPTION } from '../src/heap.js';

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
  // The measured sync runs in this process, under the heap policy port-sync applies at its start.
  const heapGrowth = limitHeapGrowth();
  const model = loadBenchModel();
  const startedAt = new Date();
  const loadBefore = loadavg();
  const started = performance.now();
  const results: ScenarioResult[] = [];
  // Progress goes to stderr so stdout is the header and the table alone.
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  for (const size of options.sizes) results.push(...(await measureSize(size, options, model, progress)));
  // The source benchmarks (and the clients and local servers they bring) are loaded only now: the
  // sync measured above runs in a process holding what a sync of the aws source holds, no more.
  const sources = await loadSourceBenchmarks();
  const gitlab: GitlabResult[] =
    options.gitlabProjects > 0 ? await sources.gitlab.measureGitlab(options.gitlabProjects, options, model, progress) : [];
  const aws: AwsResult[] = options.awsResources > 0 ? await sources.aws.measureAws(options.awsResources, options, model, progress) : [];
  const cost: CostResult[] = options.costServices > 0 ? await sources.cost.measureCost(options.costServices, options, model, progress) : [];
  const kubernetes: KubernetesResult[] =
    options.k8sWorkloads > 0
      ? await sources.kubernetes.measureKubernetes(options.k8sWorkloads, KUBERNETES_CLUSTERS_MEASURED, options, model, progress)
      : [];
  const elapsed = (performance.now() - started) / 1000;
  const load = { before: loadBefore, after: loadavg() };

  process.stdout.write(
    `${header(options, elapsed, load, heapGrowth)}\n\n${formatTable(results)}\n${retryNotes(results)}${targets(results)}`,
  );
  if (gitlab.length > 0) {
    process.stdout.write(
      `\nThe gitlab source (${options.gitlabProjects} projects in ${8} groups, a fifth of them monorepos of three services; floor: the fewest GitLab requests the scenario can make):\n\n${sources.gitlab.formatGitlabTable(gitlab)}\n`,
    );
  }
  if (aws.length > 0) {
    process.stdout.write(
      `\nThe aws source (${options.awsResources} tagged resources over 4 accounts x 3 regions from a local AWS answering in ${options.latencyMs} ms; floor: ⌈resources/100⌉ Tagging pages per partition; collect floor: the partitions in rounds of the source's bound, each round its longest listing):\n\n${sources.aws.formatAwsTable(aws)}\n`,
    );
  }
  if (cost.length > 0) {
    process.stdout.write(
      `\nThe cost source (${options.costServices} services and the untagged spend, this month and last, from a local Cost Explorer answering in ${options.latencyMs} ms; floor: the pages the spend spans, each a paid request, once per run; the source also counts its one ListCostAllocationTags check as paid):\n\n${sources.cost.formatCostTable(cost)}\n`,
    );
  }
  if (kubernetes.length > 0) {
    process.stdout.write(
      `\nThe kubernetes source (${options.k8sWorkloads} Deployments and StatefulSets over ${KUBERNETES_CLUSTERS_MEASURED} clusters, one kubeconfig context and token each; floor: ⌈Deployments/500⌉ + ⌈StatefulSets/500⌉ list pages per cluster):\n\n${sources.kubernetes.formatKubernetesTable(kubernetes)}\n`,
    );
  }
  writeJson(options.jsonPath, {
    startedAt: startedAt.toISOString(),
    elapsedSeconds: elapsed,
    node: process.version,
    cpus: cpus().length,
    load,
    options,
    results,
    gitlab,
    aws,
    cost,
    kubernetes,
  });
  process.stderr.write(`results written to ${options.jsonPath}\n`);
  const problems = [
    ...results.flatMap((r) => r.problems.map((p) => `${r.size} ${r.scenario}: ${p}`)),
    ...gitlab.flatMap((r) => r.problems.map((p) => `gitlab ${r.projects} ${r.scenario}: ${p}`)),
    ...aws.flatMap((r) => r.problems.map((p) => `aws ${r.resources} ${r.scenario}: ${p}`)),
    ...cost.flatMap((r) => r.problems.map((p) => `cost ${r.services} ${r.scenario}: ${p}`)),
    ...kubernetes.flatMap((r) => r.problems.map((p) => `kubernetes ${r.workloads} ${r.scenario}: ${p}`)),
  ];
  if (problems.length > 0) {
    process.stdout.write(
      `\nThe sync did not do what the scenarios expect, so these numbers are not valid:\n${problems.map((p) => `- ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  return 0;
}

/** What this process was started with for its young generation, next to what the image sets. */
function youngGeneration(): string {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].filter((arg) =>
    arg.startsWith('--max-semi-space-size'),
  );
  if (given.includes(SEMI_SPACE_OPTION)) return `${SEMI_SPACE_OPTION}, as the image's NODE_OPTIONS`;
  return given.length > 0
    ? `${given.join(' ')} (the image sets ${SEMI_SPACE_OPTION})`
    : `V8's default (the image sets ${SEMI_SPACE_OPTION})`;
}

async function loadSourceBenchmarks() {
  const [gitlab, aws, cost, kubernetes] = await Promise.all([
    import('./gitlab.js'),
    import('./aws.js'),
    import('./cost.js'),
    import('./kubernetes.js'),
  ]);
  return { gitlab, aws, cost, kubernetes };
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

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** DESIGN.md section 8 and the issue's "done when", judged on the largest size measured. */
function targets(results: readonly ScenarioResult[]): string {
  const size = Math.max(...results.map((r) => r.size));
  const rows = results.filter((r) => r.size === size);
  const first = rows.find((r) => r.scenario === 'first sync');
  if (!first) return '';
  const peak = Math.max(...rows.map((r) => r.memory.rssMb));
  const stall = Math.max(...rows.map((r) => r.memory.longestGapMs));
  const offFloor = rows.filter((r) => r.sandbox.entityWrites > r.floors.entityWrites || r.sandbox.searches > r.floors.searches);
  const ratio = first.wallMs / 1000 / first.floors.wallSeconds;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    '',
    `Targets at ${size} (informative; the exit code judges only correctness):`,
    `- peak RSS ${peak.toFixed(0)} MB < 512 MB: ${verdict(peak < 512)} (stretch 256 MB: ${verdict(peak < 256)})`,
    `- longest stall ${stall.toFixed(0)} ms < 200 ms: ${verdict(stall < 200)}`,
    `- entity writes and searches on the floor in every scenario: ${verdict(offFloor.length === 0)}${offFloor.length ? ` (${offFloor.map((r) => r.scenario).join(', ')})` : ''}`,
    `- first sync ${(first.wallMs / 1000).toFixed(1)} s within 1.2x of its floor ${first.floors.wallSeconds.toFixed(1)} s: ${verdict(ratio <= 1.2)} (${ratio.toFixed(2)}x)`,
    '',
  ].join('\n');
}

/** `heapGrowth`: the heap growth limit in effect (src/heap.ts), undefined when the process was started with its own. */
function header(
  options: BenchOptions,
  elapsedSeconds: number,
  load: { before: number[]; after: number[] },
  heapGrowth: number | undefined,
): string {
  const cpu = cpus();
  const sizes = options.sizes.map((s) => `${s} awsResource (${entityCount(s)} entities)`).join(', ');
  return [
    `# port-catalog-sync benchmark — ${new Date().toISOString()}`,
    '',
    `- Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; whole run ${elapsedSeconds.toFixed(0)} s; load average ${load.before.map((n) => n.toFixed(2)).join(' ')} before, ${load.after.map((n) => n.toFixed(2)).join(' ')} after`,
    `- Sandbox: each answer ${options.latencyMs} ms after its request arrived (its own work included), rate limit ${options.rateLimit.limit} requests / ${options.rateLimit.periodSeconds} s, request bodies not kept; one fresh sandbox per size, in a child process`,
    `- Sizes: ${sizes}; client as the CLI builds it (retries, pacing), PORT_MAX_CONCURRENCY ${options.concurrency}`,
    "- reads/writes: the client's own count for the whole scenario; entity writes and searches: the requests the sandbox saw, next to their floor; waited s: time the client spent pacing or backing off; floor s: entity writes floor / concurrency x latency",
    `- Memory: RSS MB and heap MB are peaks sampled every ${SAMPLE_INTERVAL_MS} ms in the sync process only (a full GC before each scenario); maxRSS MB is the kernel high-water mark of the sync process so far (never goes down); stall ms is the longest gap between samples (the event loop was busy, a peak inside may be missed); sandbox RSS MB is the sandbox process, sampled the same way`,
    `- Heap policy: ${heapGrowth === undefined ? 'the --heap-growing-percent this process was started with' : `port-sync's own (src/heap.ts): the heap grows at most ${heapGrowth}% past what is live before a full collection`}; young generation: ${youngGeneration()}; compiled JavaScript, as the CLI runs`,
  ].join('\n');
}

process.exitCode = await main(process.argv.slice(2));
