import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ALIASES } from '../../src/demo/sample-estate.js';
import { cleanEnv, runCli } from '../support/cli.js';
import { saveDemoSnapshot } from './demo-snapshot.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Fragment {
  blueprint: string;
  identifier: string;
  properties?: Record<string, unknown>;
  relations?: Record<string, unknown>;
}

let dir: string;
let snapshot: string;
let fragments: (source: string, blueprint: string) => Fragment[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-test-'));
  snapshot = await saveDemoSnapshot(dir);
  const runs = (JSON.parse(readFileSync(snapshot, 'utf8')) as { runs: { id: string; result: { fragments: Fragment[] } }[] }).runs;
  fragments = (source, blueprint) => runs.find((r) => r.id === source)!.result.fragments.filter((f) => f.blueprint === blueprint);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const countBy = (values: string[]) => {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
};
/** A pie's rendered slices, as a map. */
const slices = (stdout: string, title: string) => {
  const line = new RegExp(`\\n\\s+${title}: pie, \\d+ entities: ([^\\n]*)`).exec(stdout)?.[1] ?? '';
  return new Map(line.split(', ').map((s) => [s.slice(0, s.lastIndexOf(' ')), Number(s.slice(s.lastIndexOf(' ') + 1))]));
};

describe('port-sync preview --from-snapshot on a snapshot of the demo estate', () => {
  let stdout = '';
  beforeAll(async () => {
    const result = await runCli(['preview', '--from-snapshot', snapshot], cleanEnv(SAMPLE_ALIASES), 60_000);
    expect(result.stderr).not.toMatch(/"level":50/);
    expect(result.code).toBe(0);
    stdout = result.stdout;
  }, 60_000);

  it('shows the FinOps numbers Port would compute from the snapshot', () => {
    const costs = fragments('cost', 'cloudCost');
    const thisMonth = costs.filter((c) => c.properties?.isCurrentMonth === true);
    expect(stdout).toContain(`\n    Month to date: ${usd(sum(thisMonth.map((c) => c.properties!.amount as number)))}\n`);
    const unallocated = thisMonth.filter((c) => c.identifier.startsWith('_unallocated'));
    expect(unallocated.length).toBeGreaterThan(0);
    expect(stdout).toContain(
      `\n    Unallocated this month: ${usd(sum(unallocated.map((c) => c.properties!.amount as number)))}  (Untagged spend)\n`,
    );
    const rising = fragments('cost', 'service').filter((s) => (s.properties?.costChangePct as number) > 20).length;
    expect(stdout).toContain(`\n    Services up over 20%: ${rising}\n`);
  });

  it("gives each team the sum of its services' costs (the aggregation property), largest first", () => {
    const teamOf = new Map(fragments('gitlab', 'service').map((s) => [s.identifier, s.relations?.team as string]));
    const totals = new Map<string, { mtd: number; last: number }>();
    for (const s of fragments('cost', 'service')) {
      const team = teamOf.get(s.identifier)!;
      const t = totals.get(team) ?? { mtd: 0, last: 0 };
      t.mtd += s.properties!.costMonthToDate as number;
      t.last += s.properties!.costLastMonth as number;
      totals.set(team, t);
    }
    const expected = [...totals]
      .sort((a, b) => b[1].mtd - a[1].mtd)
      .map(([team, t]) => `      ${team} | ${Math.round(t.mtd * 100) / 100} | ${Math.round(t.last * 100) / 100}`);
    expect(expected).toHaveLength(3);
    expect(stdout).toContain(`Cost per team: table, 3 rows: title | costMonthToDate | costLastMonth\n${expected.join('\n')}\n`);
  });

  it('counts the platform health numbers and pie slices', () => {
    const services = fragments('gitlab', 'service');
    const behind = (key: string) => services.filter((s) => ['minor', 'major'].includes(s.properties![key] as string)).length;
    expect(stdout).toContain(`\n    Behind on chart: ${behind('chartLag')}\n`);
    expect(stdout).toContain(`\n    Behind on pipeline: ${behind('pipelineLag')}\n`);
    expect(slices(stdout, 'Chart lag')).toEqual(countBy(services.map((s) => s.properties!.chartLag as string)));
    expect(slices(stdout, 'Pipeline lag')).toEqual(countBy(services.map((s) => s.properties!.pipelineLag as string)));
    const workloads = fragments('kubernetes', 'workload');
    expect(slices(stdout, 'Workload health')).toEqual(countBy(workloads.map((w) => w.properties!.health as string)));
    const nonCompliant = fragments('aws', 'awsResource').filter((r) => r.properties!.tagCompliant === false);
    expect(stdout).toContain(`\n    Non-compliant resources: ${nonCompliant.length}\n`);
    expect(slices(stdout, 'Non-compliant by AWS service')).toEqual(countBy(nonCompliant.map((r) => r.properties!.awsService as string)));
  });

  it('puts each service at the Platform currency level its versions earn, and counts the failing rules', () => {
    const levels = countBy(
      fragments('gitlab', 'service').map(({ properties: p }) => {
        if (!p!.chartVersion || !p!.pipelineVersion) return 'Basic';
        if ([p!.chartLag, p!.pipelineLag].some((l) => l === 'major' || l === 'unknown')) return 'Bronze';
        return p!.chartLag === 'current' && p!.pipelineLag === 'current' ? 'Gold' : 'Silver';
      }),
    );
    const line = ['Basic', 'Bronze', 'Silver', 'Gold'].map((l) => `${l} ${levels.get(l) ?? 0}`).join(', ');
    expect(stdout).toContain(`Platform currency (service, 5 entities): ${line}\n`);
    // the dashboard's pie of the scorecard's levels: one slice per level some service reaches
    expect(slices(stdout, 'Platform currency levels')).toEqual(levels);
    const services = fragments('gitlab', 'service');
    const notCurrent = (key: string) => services.filter((s) => s.properties![key] !== 'current').length;
    expect(stdout).toMatch(new RegExp(`Platform currency[^\\n]*\\n\\s+failing most: [^\\n]*Chart current ${notCurrent('chartLag')}`));
    expect(stdout).toMatch(new RegExp(`Platform currency[^\\n]*\\n\\s+failing most: [^\\n]*Pipeline current ${notCurrent('pipelineLag')}`));
  });

  it('puts each AWS resource at the Tagging level its resolved tags earn', () => {
    const levels = countBy(
      fragments('aws', 'awsResource').map(({ properties: p, relations: r }) => {
        if (!r?.service) return 'Basic';
        if (!r.team || !r.environment) return 'Bronze';
        return p!.tagCompliant === true ? 'Gold' : 'Silver';
      }),
    );
    const line = ['Basic', 'Bronze', 'Silver', 'Gold'].map((l) => `${l} ${levels.get(l) ?? 0}`).join(', ');
    expect(stdout).toContain(`Tagging (awsResource, 9 entities): ${line}\n`);
  });
});

describe('port-sync preview: bad input', () => {
  it('names the snapshot file and the problem in a malformed snapshot', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, takenAt: 'x', runs: [{ id: 'aws', owns: {}, result: { fragments: [{}] } }] }));
    const result = await runCli(['preview', '--from-snapshot', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}: runs.0.result`);
  }, 60_000);

  it('names a scorecard file that is not valid', async () => {
    const model = join(dir, 'model');
    for (const folder of ['blueprints', 'scorecards', 'dashboards']) cpSync(join(ROOT, folder), join(model, folder), { recursive: true });
    const file = join(model, 'scorecards/service/platformCurrency.json');
    const scorecard = JSON.parse(readFileSync(file, 'utf8')) as { rules: { level: string }[] };
    scorecard.rules[0]!.level = 'Platinum';
    writeFileSync(file, JSON.stringify(scorecard));
    const result = await runCli(['preview', '--from-snapshot', snapshot, '--model-dir', model]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/scorecards\/service\/platformCurrency\.json: rules\[0\]\.level/);
  }, 60_000);

  it('asks for a source or a snapshot when there is neither', async () => {
    const result = await runCli(['preview']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no source is enabled[^"]*--from-snapshot/);
  }, 60_000);
});
