import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

describe('port-sync demo', () => {
  it('runs the whole pipeline with the real gitlab and kubernetes sources on the sample, re-reading only what changed', async () => {
    const { code, stdout } = await runCli(['demo'], undefined, 60_000);
    expect(code).toBe(0);
    const runs = stdout.split('\n== ').slice(1);
    expect(runs).toHaveLength(3);
    // the first run reads every project; a week later one commit in the monorepo; then nothing
    expect(runs[0]).toMatch(/GitLab: \d+ requests, 4 tree pages and \d+ files read/);
    expect(runs[1]).toMatch(/GitLab: \d+ requests, 1 tree pages and \d+ files read/);
    expect(runs[2]).toMatch(/GitLab: \d+ requests, 0 tree pages and 1 files read/);
    expect(runs[2]).toMatch(/Port calls \(0 writes, then this report\)/);
    expect(stdout).toMatch(/payments-api\s+chart 4\.3\.1 \(current\)\s+pipeline 2\.7\.2 \(minor\)/);
    expect(stdout).toMatch(/payments-worker\s+chart 4\.2\.0 \(minor\)/);
    expect(stdout).toMatch(/notifications\s+chart 2\.1\.0 \(major\)\s+pipeline 2\.8\.0 \(current\)/);
    // the cluster is read by the real kubernetes source: two list calls a run, a workload degraded in week 2
    for (const run of runs)
      expect(run).toMatch(/source kubernetes: 1\/1 scopes complete[^\n]*\n\s+clusters 1, clustersFailed 0, workloads 4, requests 2/);
    expect(runs[0]).toMatch(/workload\s+4 created/);
    expect(runs[1]).toMatch(/workload\s+0 created, 1 updated, 3 unchanged, 0 deleted/);
    expect(stdout).toMatch(/workloads not healthy: payments-api\n/);
    expect(stdout).toMatch(/services not running \(no Healthy workload, from Kubernetes\): notifications, payments-api\n/);
  }, 90_000);
});
