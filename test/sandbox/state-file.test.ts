import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { Harness, bulk } from './support.js';

let dir: string;
let stateFile: string;
const open: Harness[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
  stateFile = join(dir, 'nested', 'state.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
  rmSync(dir, { recursive: true, force: true });
});

const start = async () => {
  const h = await Harness.start({ stateFile });
  open.push(h);
  return h;
};

describe('state file', () => {
  it('survives a restart: blueprints, entities, scorecards and pages', async () => {
    const a = await start();
    await a.call('POST', '/v1/blueprints', {
      identifier: 'service',
      title: 'Service',
      schema: { properties: { tier: { type: 'string' } } },
    });
    await a.call('POST', bulk('service'), { entities: [{ identifier: 'checkout', properties: { tier: 'gold' } }] }, { upsert: true });
    await a.call('POST', '/v1/blueprints/service/scorecards', { identifier: 'sc', title: 'SC', rules: [] });
    await a.call('POST', '/v1/pages', { identifier: 'home-page', title: 'Home' });
    await a.close();
    open.splice(open.indexOf(a), 1);

    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).version).toBe(1);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json']);

    const b = await start();
    const entity = await b.call('GET', '/v1/blueprints/service/entities/checkout');
    expect(entity.body.entity.properties).toEqual({ tier: 'gold' });
    expect((await b.call('GET', '/v1/blueprints/service/scorecards/sc')).status).toBe(200);
    expect((await b.call('GET', '/v1/pages/home-page')).status).toBe(200);
  });

  it('writes soon after a mutation, without waiting for close', async () => {
    const a = await start();
    await a.call('POST', '/v1/blueprints', { identifier: 'team', title: 'Team', schema: { properties: {} } });
    await expect.poll(() => existsSync(stateFile) && readFileSync(stateFile, 'utf8').includes('"team"'), { timeout: 2000 }).toBe(true);
  });

  it('refuses to start over a corrupt state file rather than overwrite it', () => {
    writeFileSync(join(dir, 'bad.json'), '{not json');
    expect(() => createSandbox({ stateFile: join(dir, 'bad.json') })).toThrow(/not valid JSON/);
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ version: 2 }));
    expect(() => createSandbox({ stateFile: join(dir, 'old.json') })).toThrow(/version 1/);
  });

  it('round-trips through toJSON and load', () => {
    const a = createSandbox();
    a.store.seedBlueprint({ identifier: 'team', title: 'Team', schema: { properties: {} } });
    a.store.seedEntity('team', { identifier: 'payments', team: 'payments' }, { createdBy: 'me' });
    const b = createSandbox();
    b.store.load(JSON.parse(JSON.stringify(a.store.toJSON())));
    expect(b.store.entities('team').get('payments')).toMatchObject({ identifier: 'payments', team: ['payments'], createdBy: 'me' });
    expect(b.store.toJSON()).toEqual(a.store.toJSON());
  });
});
