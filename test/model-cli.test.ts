import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../src/sandbox/index.js';
import { cleanEnv, runCli } from './support/cli.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.start();
  env = cleanEnv({ PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'ci', PORT_CLIENT_SECRET: 'ci-secret-value' });
});
afterAll(() => sandbox.close());

const modelWrites = () => sandbox.stats.requests.filter((r) => r.method !== 'GET' && r.route !== 'POST /v1/auth/access_token').length;

describe('port-sync model, end to end', () => {
  it('validates, plans, applies, applies again with no writes, exports and re-plans clean', async () => {
    const validate = await runCli(['validate'], env);
    expect(validate.stdout).toMatch(/Model is valid: 10 blueprints, 3 scorecards, 2 dashboards/);
    expect(validate.code).toBe(0);

    const plan = await runCli(['model', 'plan'], env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/\+ create\s+service\s+\(blueprints\/service\.json\)/);
    expect(plan.stdout).toMatch(/Plan: 15 to create, 0 to update, 0 to delete, 0 unchanged\./);
    expect(modelWrites()).toBe(0);

    const apply = await runCli(['model', 'apply'], env);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/Applied: 15 created, 0 updated, 0 deleted, 0 unchanged/);
    expect(sandbox.store.blueprints.size).toBe(10);
    expect(sandbox.store.pages.size).toBe(2);

    const before = modelWrites();
    const again = await runCli(['model', 'apply'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Applied: 0 created, 0 updated, 0 deleted, 15 unchanged; 0 Port write calls\./);
    expect(modelWrites()).toBe(before);

    const dir = await mkdtemp(join(tmpdir(), 'pcs-cli-export-'));
    const exported = await runCli(['model', 'export', '--dir', dir], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Exported 15 files');
    const replan = await runCli(['model', 'plan', '--model-dir', dir], env);
    expect(replan.stdout).toMatch(/Plan: 0 to create, 0 to update, 0 to delete, 15 unchanged\./);
    expect(apply.stdout + apply.stderr + again.stderr).not.toContain('ci-secret-value');
  }, 60_000); // six CLI processes, each starting Node with tsx: a ceiling, not a timing

  it('reports bad model files as file: path: message, exits 2 and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pcs-bad-model-'));
    await mkdir(join(dir, 'blueprints'));
    await writeFile(
      join(dir, 'blueprints', 'service.json'),
      '{"identifier": "service", "title": "S", "schema": {"properties": {"x": {"type": "strin"}}}}',
    );
    await writeFile(join(dir, 'blueprints', 'team.json'), '{"identifier": "team",');
    const before = modelWrites();
    const validate = await runCli(['validate', '--model-dir', dir], env);
    expect(validate.code).toBe(2);
    expect(validate.stdout).toMatch(/^blueprints\/service\.json: schema\.properties\.x\.type: /m);
    expect(validate.stdout).toMatch(/^blueprints\/team\.json: /m);
    const apply = await runCli(['model', 'apply', '--model-dir', dir], env);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toContain('blueprints/service.json: schema.properties.x.type');
    expect(modelWrites()).toBe(before);
  });
});
