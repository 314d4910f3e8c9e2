import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { startPreviewPage, type PreviewPage } from '../../src/preview/server.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let page: PreviewPage;

beforeEach(async () => {
  sandbox = createSandbox();
  sandbox.store.seedBlueprint({ identifier: 'team', title: 'Team', schema: { properties: {} } });
  sandbox.store.seedBlueprint({
    identifier: 'service',
    title: 'Service',
    schema: { properties: { lag: { type: 'string', title: 'Lag' } } },
    relations: { team: { target: 'team', required: false, many: false, title: 'Owner' } },
  });
  sandbox.store.seedEntity('team', { identifier: 'payments' });
  sandbox.store.seedEntity('service', { identifier: 'api', title: 'API', properties: { lag: 'major' }, relations: { team: 'payments' } });
  sandbox.store.seedEntity('service', { identifier: 'group/with/slashes', relations: { team: 'gone' } });
  const currency = {
    identifier: 'currency',
    title: 'Currency',
    levels: [
      { title: 'Basic', color: 'paleBlue' },
      { title: 'Gold', color: 'gold' },
    ],
    rules: [
      {
        identifier: 'current',
        title: 'Current',
        level: 'Gold',
        query: { combinator: 'and', conditions: [{ property: 'lag', operator: '=', value: 'current' }] },
      },
    ],
  };
  // Stored as the scorecard routes store it.
  sandbox.store.scorecards.set('service', new Map([['currency', currency]]));
  page = await startPreviewPage(sandbox.reader, { port: 0, logger: silentLogger() });
});
afterEach(async () => {
  await page.close();
  await sandbox.close();
});

const get = async (path: string, method = 'GET') => {
  const res = await fetch(new URL(path, page.url), { method });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

describe('the preview page server', () => {
  it('listens on 127.0.0.1 and serves its page, script and styles itself', async () => {
    expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const html = await get('/');
    expect(html.type).toMatch(/^text\/html/);
    // nothing from elsewhere: every asset is the server's own
    expect([...html.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(['/assets/page.css', '/assets/page.js']);
    expect((await get('/assets/page.js')).text).toContain('fetch(path)');
    expect((await get('/assets/page.css')).type).toMatch(/^text\/css/);
  });

  it('answers an entity with its relations (and whether their targets exist) and its scorecard levels with failing rules', async () => {
    const api = JSON.parse((await get('/api/entities/service/api')).text);
    expect(api.relations).toEqual([
      { identifier: 'team', title: 'Owner', target: 'team', entities: [{ identifier: 'payments', exists: true }] },
    ]);
    expect(api.scorecards).toEqual([
      {
        identifier: 'currency',
        title: 'Currency',
        level: 'Basic',
        color: 'paleBlue',
        failing: [{ identifier: 'current', level: 'Gold', title: 'Current' }],
        passing: 0,
      },
    ]);
    expect(api.titles).toEqual({ lag: 'Lag' });
    const slashed = JSON.parse((await get(`/api/entities/service/${encodeURIComponent('group/with/slashes')}`)).text);
    expect(slashed.entity.identifier).toBe('group/with/slashes');
    expect(slashed.relations[0].entities).toEqual([{ identifier: 'gone', exists: false }]);
  });

  it('lists a blueprint with its columns, and the catalog with counts and scorecard summaries', async () => {
    const list = JSON.parse((await get('/api/blueprints/service/entities')).text);
    expect(list.columns.map((c: { id: string; kind: string }) => `${c.kind}:${c.id}`)).toEqual([
      'property:lag',
      'relation:team',
      'scorecard:currency',
    ]);
    expect(list.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['api', 'group/with/slashes']);
    const catalog = JSON.parse((await get('/api/catalog')).text);
    expect(catalog.blueprints).toEqual([
      { identifier: 'service', title: 'Service', count: 2 },
      { identifier: 'team', title: 'Team', count: 1 },
    ]);
    expect(catalog.scorecards[0]).toMatchObject({
      identifier: 'currency',
      evaluated: 2,
      levels: [
        { title: 'Basic', count: 2 },
        { title: 'Gold', count: 0 },
      ],
    });
  });

  it('never writes: other methods are refused; unknown routes and entities are 404', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect((await get('/api/entities/service/api', method)).status).toBe(405);
    expect((await get('/api/entities/service/nope')).status).toBe(404);
    expect((await get('/api/dashboards/nope')).status).toBe(404);
    expect((await get('/api/whatever')).status).toBe(404);
    expect(sandbox.store.entities('service').size).toBe(2);
  });

  it('names the port when it is taken', async () => {
    const port = Number(new URL(page.url).port);
    await expect(startPreviewPage(sandbox.reader, { port, logger: silentLogger() })).rejects.toThrow(ConfigError);
  });
});
