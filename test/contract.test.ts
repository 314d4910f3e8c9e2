import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseContext, ContractCase } from '../contract/case.js';
import { CONTRACT_CASES } from '../contract/cases.js';
import type { Observed } from '../contract/probe.js';
import { exitCodeOf, runContract, type ContractReport, type ContractSettings } from '../contract/runner.js';
import { startContractSandbox, type ContractSandbox } from '../contract/sandbox.js';
import { formatTable } from '../contract/table.js';
import { ExitCode, PortAuthError } from '../src/errors.js';
import { SANDBOX_ASSUMPTIONS } from '../src/sandbox/index.js';
import { cleanEnv } from './support/cli.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PREFIX = 'pcs-contract-test00';
/** Only a 429 needs more than one org can give, so it alone stays unprobed. */
const NOT_PROBED = ['retry-after-on-429'];

function runEntry(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'contract/run.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** An answer no case expects: an error code nobody uses, no success, and a relative x-ratelimit-reset. */
const REPLACED: Observed = {
  status: 409,
  body: { ok: false, error: 'contract_test', message: 'replaced' },
  headers: { 'x-ratelimit-reset': '42' },
};

/**
 * The case with its n-th answer (counted from the case's start) swapped for REPLACED; 0 swaps
 * none. The request still reaches the sandbox, only the case sees another answer. `answers` is
 * how many the case read.
 */
function replacingAnswer(c: ContractCase, n: number): ContractCase & { answers: number } {
  const wrapped = {
    id: c.id,
    answers: 0,
    async run(ctx: CaseContext) {
      const { probe } = ctx;
      const call = probe.call.bind(probe);
      const raw = probe.raw.bind(probe);
      const swap = (o: Observed) => ((wrapped.answers += 1) === n ? REPLACED : o);
      probe.call = async (...args) => swap(await call(...args));
      probe.raw = async (req) => swap(await raw(req));
      try {
        return await c.run(ctx);
      } finally {
        probe.call = call;
        probe.raw = raw;
      }
    },
  };
  return wrapped;
}

describe('contract cases', () => {
  it('has exactly one case per sandbox assumption', () => {
    const assumed = SANDBOX_ASSUMPTIONS.map((a) => a.id).sort();
    const cased = CONTRACT_CASES.map((c) => c.id);
    expect(new Set(cased).size).toBe(cased.length);
    expect(cased.filter((id) => !assumed.includes(id))).toEqual([]);
    expect(assumed.filter((id) => !cased.includes(id))).toEqual([]);
  });
});

describe('runContract against an in-process sandbox', () => {
  let local: ContractSandbox;
  const run = (extra: Partial<ContractSettings> = {}): Promise<ContractReport> =>
    runContract({ ...local.settings, prefix: PREFIX, ...extra });
  const owned = () => ({
    blueprints: [...local.sandbox.store.blueprints.keys()].filter((id) => id.startsWith(PREFIX)),
    pages: [...local.sandbox.store.pages.keys()].filter((id) => id.startsWith(PREFIX)),
  });

  beforeEach(async () => {
    local = await startContractSandbox();
  });
  afterEach(async () => {
    await local.sandbox.close();
  });

  it('finds every probed assumption held, and leaves nothing behind', async () => {
    const report = await run();
    expect(report.results.map((r) => r.id)).toEqual(SANDBOX_ASSUMPTIONS.map((a) => a.id));
    for (const { id, outcome } of report.results) {
      const expected = NOT_PROBED.includes(id) ? 'not probed' : 'held';
      expect(`${id}: ${outcome.verdict}`, `${outcome.observed} / ${outcome.reason ?? ''}`).toBe(`${id}: ${expected}`);
      expect(outcome.failed, id).toBeUndefined();
    }
    expect(report.cleanupProblems).toEqual([]);
    expect(exitCodeOf(report)).toBe(ExitCode.Ok);
    expect(owned()).toEqual({ blueprints: [], pages: [] });
    expect([...local.sandbox.store.scorecards.keys()].filter((bp) => bp.startsWith(PREFIX))).toEqual([]);
    // What the check found already in the org stays.
    expect(local.sandbox.store.entities('_team').has('platform')).toBe(true);
  });

  it('reports differs when the server answers another status or code', async () => {
    local.sandbox.faults.add({
      route: /-main\/entities$/,
      method: 'POST',
      status: 400,
      body: { ok: false, error: 'bad_request', message: 'x' },
    });
    const report = await run({ only: ['bad-json-400'] });
    expect(report.results[0]?.outcome).toMatchObject({
      verdict: 'differs',
      observed: 'truncated JSON body: 400 bad_request',
      reason: 'truncated JSON body: sandbox 400 invalid_json',
    });
    expect(exitCodeOf(report)).toBe(ExitCode.Partial);
  });

  it('reports differs when the server accepts what the sandbox refuses', async () => {
    local.sandbox.faults.add({ route: /-main\/entities\/search$/, status: 200, body: { ok: true, entities: [] } });
    const report = await run({ only: ['search-cursor-422'] });
    expect(report.results[0]?.outcome.verdict).toBe('differs');
  });

  it('reports differs for one bulk item answered unlike the sandbox', async () => {
    local.sandbox.faults.failEntity(`${PREFIX}-main`, `${PREFIX}-conflict`, { statusCode: 409, error: 'conflict', message: 'taken' });
    const report = await run({ only: ['conflict-409-identifier-taken'] });
    expect(report.results[0]?.outcome).toMatchObject({ verdict: 'differs', reason: 'bulk: sandbox 207 [0:409 identifier_taken]' });
  });

  it('has no case that still holds when any one answer it reads is replaced', async () => {
    const patience = { attempts: 1, waitMs: 0 };
    for (const c of CONTRACT_CASES.filter((c) => !NOT_PROBED.includes(c.id))) {
      const baseline = replacingAnswer(c, 0);
      expect((await run({ only: [c.id], cases: [baseline], patience, tokenWaitMs: 1_000 })).results[0]?.outcome.verdict, c.id).toBe('held');
      expect(baseline.answers, c.id).toBeGreaterThan(0);
      for (let n = 1; n <= baseline.answers; n += 1) {
        const report = await run({ only: [c.id], cases: [replacingAnswer(c, n)], patience, tokenWaitMs: 1_000 });
        expect(report.results[0]?.outcome.verdict, `${c.id} with answer ${n} replaced`).not.toBe('held');
      }
    }
    expect(owned()).toEqual({ blueprints: [], pages: [] });
  }, 120_000);

  it('turns a refused setup write into a failed case, not a pass', async () => {
    local.sandbox.faults.add({ route: '/v1/blueprints', method: 'POST', status: 422, times: 1 });
    const report = await run({ only: ['unknown-keys-rejected'] });
    expect(report.setupError).toMatch(/POST \/blueprints answered 422 injected_fault/);
    expect(report.results).toEqual([]);
    expect(exitCodeOf(report)).toBe(ExitCode.Partial);
  });

  it('stops between cases when interrupted, and still cleans up', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await run({ signal: controller.signal });
    expect(report.interrupted).toBe(true);
    expect(report.results).toEqual([]);
    expect(exitCodeOf(report)).toBe(130);
    expect(owned()).toEqual({ blueprints: [], pages: [] });
  });

  it('ends with the auth error when the credentials are refused', async () => {
    await expect(run({ clientSecret: 'not-the-secret' })).rejects.toBeInstanceOf(PortAuthError);
  });

  it('prints one table row per assumption', async () => {
    const report = await run({ only: ['bad-json-400', 'retry-after-on-429'] });
    const table = formatTable(report, 'Port');
    expect(table.split('\n').slice(0, 2)).toEqual([
      '| assumption id | what the sandbox does | what Port did | result |',
      '| --- | --- | --- | --- |',
    ]);
    expect(table).toContain('| bad-json-400 | 400 {error:"invalid_json"}. | truncated JSON body: 400 invalid_json | held |');
    expect(table).toMatch(/\| retry-after-on-429 \| .* \| - \| not probed: a 429 cannot be provoked/);
    expect(table).toContain(`1 held, 0 differ, 1 not probed (scratch prefix ${PREFIX})`);
  });
});

describe('npm run contract', () => {
  it('runs every case against an in-process sandbox with --sandbox and exits 0', async () => {
    const { code, stdout, stderr } = await runEntry(['--sandbox']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('| assumption id | what the sandbox does | what the sandbox did | result |');
    for (const { id } of SANDBOX_ASSUMPTIONS) {
      const verdict = NOT_PROBED.includes(id) ? 'not probed' : 'held';
      expect(stdout).toMatch(new RegExp(`^\\| ${id} \\| .* \\| ${verdict}( \\||:)`, 'm'));
    }
    expect(stdout).toMatch(/^38 held, 0 differ, 1 not probed/m);
    expect(stdout).toMatch(/Cleanup: nothing starting with pcs-contract-[0-9a-f]{6} is left\./);
  }, 60_000);

  it('reads Port from the environment: exit 0 when all held, 3 when the credentials are refused', async () => {
    const local = await startContractSandbox();
    try {
      const { baseUrl, clientId, clientSecret } = local.settings;
      const env = (secret: string) =>
        cleanEnv({ PORT_BASE_URL: baseUrl, PORT_CLIENT_ID: clientId, PORT_CLIENT_SECRET: secret, SYNC_INSTANCE: 'contract-test' });
      const held = await runEntry([], env(clientSecret));
      expect(held.code, held.stderr).toBe(0);
      expect(held.stdout).toContain('| assumption id | what the sandbox does | what Port did | result |');
      // The writes carry SYNC_INSTANCE from the environment in their User-Agent.
      expect(held.stdout).toMatch(/\$datasource contains "port-catalog-sync\/[^"]+ \(contract-test\)": 1;/);
      const refused = await runEntry([], env('not-the-secret'));
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`Port refused the credentials of client ${clientId}`);
      expect(refused.stdout).toBe('');
      expect([...local.sandbox.store.blueprints.keys()]).toEqual(['_team']);
    } finally {
      await local.sandbox.close();
    }
  }, 60_000);

  it('exits 2 on bad configuration, before any request', async () => {
    const missing = await runEntry([]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('SYNC_INSTANCE');
    const unknown = await runEntry(['--sandbx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown argument --sandbx');
  }, 60_000);
});
