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
    // the closing summary is the preview's: the Service versions table of the Platform health dashboard
    const preview = stdout.slice(stdout.indexOf('What the catalog now shows'));
    expect(preview).toMatch(/Service versions: table, 5 rows: title \| team \| chartVersion/);
    expect(preview).toMatch(/\n\s+payments-api \| payments \| 4\.3\.1 \| 4\.3\.1 \| current \| 2\.7\.2 \| 2\.8\.0 \| minor \| false\n/);
    expect(preview).toMatch(/\n\s+payments-worker \| payments \| 4\.2\.0 \| 4\.3\.1 \| minor \|/);
    expect(preview).toMatch(/\n\s+notifications \| platform \| 2\.1\.0 \| 4\.3\.1 \| major \| 2\.8\.0 \| 2\.8\.0 \| current \| false\n/);
    // the workload degraded in week 2, by the real kubernetes source
    expect(preview).toMatch(/Unhealthy workloads: 1\n/);
    expect(preview).toMatch(/Workload health: pie, 4 entities: Healthy 3, Degraded 1\n/);
    expect(preview).toMatch(/Unhealthy workloads: table, 1 row: [^\n]*\n\s+payments-api \| payments \| Deployment \| 4 \| 2 \| Degraded/);
    expect(preview).toMatch(/Platform currency \(service, 5 entities\): Basic \d+, Bronze \d+, Silver \d+, Gold \d+/);
    expect(preview).toMatch(
      /Runtime health \(workload, 4 entities\): Basic 0, Bronze 0, Silver 1, Gold 3\n\s+failing most: All replicas ready 1\n/,
    );
    expect(stdout.trimEnd()).toMatch(/To look at it as pictures: npm run demo -- --serve[^\n]*$/);
  }, 90_000);
});
