import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** awsResource counts to measure, one fresh sandbox each. */
  sizes: number[];
  /** Delay the sandbox adds to every request. */
  latencyMs: number;
  /** The sandbox's fixed window; Port's last published entity limit by default. */
  rateLimit: { limit: number; periodSeconds: number };
  /** Projects of the GitLab estate measured after the sizes; 0 skips it. */
  gitlabProjects: number;
  /** Tagged resources of the AWS estate (over 12 account x region partitions); 0 skips it. */
  awsResources: number;
  /** Services with spend in the Cost Explorer estate; 0 skips it. */
  costServices: number;
  /** Workloads of the Kubernetes estate (over KUBERNETES_CLUSTERS_MEASURED clusters); 0 skips it. */
  k8sWorkloads: number;
  /** PORT_MAX_CONCURRENCY for the measured client; default the setting's. */
  concurrency: number;
  /** Where the results are written as JSON. */
  jsonPath: string;
  help: boolean;
}

/**
 * 50 ms: a round trip to Port's API from a cluster in another region, the latency the wall
 * time target is set at (first sync within 1.2x of write calls / concurrency x latency).
 */
export const DEFAULT_LATENCY_MS = 50;
/** Resources listed from a local AWS, 12 partitions of ~830 (9 Tagging pages each). */
export const DEFAULT_AWS_RESOURCES = 10_000;
/** Services with spend (this month and last), served in pages of 500 groups. */
export const DEFAULT_COST_SERVICES = 2_000;
/** A large Kubernetes estate (issue: 5,000 workloads over 4 clusters). */
export const DEFAULT_K8S_WORKLOADS = 5_000;
export const KUBERNETES_CLUSTERS_MEASURED = 4;
/** PORT_MAX_CONCURRENCY's default. */
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_SIZES = [10_000, 100_000];
/** Port: 35 000 entity requests per 5 minutes per organisation (the last limit Port published). */
export const DEFAULT_RATE_LIMIT = { limit: 35_000, periodSeconds: 300 };
/** A large GitLab estate (DESIGN.md section 8, issue: 1,000 projects, a fifth monorepos). */
export const DEFAULT_GITLAB_PROJECTS = 1_000;

export const USAGE = `Usage: npm run bench [-- --sizes 10000,100000] [--latency MS] [--rate-limit N/SECONDS] [--gitlab-projects N] [--aws-resources N] [--cost-services N] [--k8s-workloads N] [--concurrency N] [--json PATH] [--quick]

Runs a sync session against a Port sandbox in a child process with the given latency and rate limit,
for each size (awsResource entities) in a fresh sandbox: first sync, no change, 1% changed, 1%
deleted. Then the gitlab source against a local GitLab of N projects (default 1000; 0 skips it):
first run, no change, 1% changed. Then the kubernetes source against 4 local API servers holding N
workloads (default 5000; 0 skips it), and the aws source listing N resources (default 10000; 0 skips
it) from a local AWS over 4 accounts x 3 regions, and the cost source reading N services' spend
(default 2000; 0 skips it) from a local Cost Explorer: first run, no change. Prints the tables at the end. --quick measures 10000 only, and
100 GitLab projects. The tables are also written as JSON to --json PATH (default
bench/results/<UTC date and time>.json), so two commits can be compared.`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      quick: { type: 'boolean', default: false },
      'gitlab-projects': { type: 'string' },
      'k8s-workloads': { type: 'string' },
      'aws-resources': { type: 'string' },
      'cost-services': { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.quick && values.sizes !== undefined) throw new Error('--quick and --sizes exclude each other');
  const sizes = values.quick
    ? [10_000]
    : values.sizes === undefined
      ? DEFAULT_SIZES
      : values.sizes.split(',').map((s) => positiveInt('--sizes', s));
  const latencyMs = values.latency === undefined ? DEFAULT_LATENCY_MS : nonNegativeInt('--latency', values.latency);
  const gitlab = values['gitlab-projects'];
  const gitlabProjects =
    gitlab === undefined ? (values.quick ? 100 : DEFAULT_GITLAB_PROJECTS) : nonNegativeInt('--gitlab-projects', gitlab);
  const k8s = values['k8s-workloads'];
  const k8sWorkloads = k8s === undefined ? (values.quick ? 500 : DEFAULT_K8S_WORKLOADS) : nonNegativeInt('--k8s-workloads', k8s);
  const aws = values['aws-resources'];
  const awsResources = aws === undefined ? (values.quick ? 1200 : DEFAULT_AWS_RESOURCES) : nonNegativeInt('--aws-resources', aws);
  const cost = values['cost-services'];
  const costServices = cost === undefined ? (values.quick ? 200 : DEFAULT_COST_SERVICES) : nonNegativeInt('--cost-services', cost);
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : positiveInt('--concurrency', values.concurrency);
  const jsonPath = values.json ?? defaultJsonPath(new Date());
  return {
    sizes,
    latencyMs,
    rateLimit: rateLimitOf(values['rate-limit']),
    gitlabProjects,
    awsResources,
    costServices,
    k8sWorkloads,
    concurrency,
    jsonPath,
    help: values.help,
  };
}

/** bench/results/2026-12-05T08-10-00Z.json: one file per run, sorted by time. */
export function defaultJsonPath(at: Date): string {
  return `bench/results/${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.json`;
}

function rateLimitOf(text: string | undefined): BenchOptions['rateLimit'] {
  if (text === undefined) return DEFAULT_RATE_LIMIT;
  const [limit = '', period = ''] = text.split('/');
  return { limit: positiveInt('--rate-limit', limit), periodSeconds: positiveInt('--rate-limit', period) };
}

function positiveInt(flag: string, text: string): number {
  const n = nonNegativeInt(flag, text);
  if (n === 0) throw new Error(`${flag}: ${JSON.stringify(text)} must be more than 0`);
  return n;
}

function nonNegativeInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new Error(`${flag}: ${JSON.stringify(text)} is not a whole number`);
  return Number(text.trim());
}
