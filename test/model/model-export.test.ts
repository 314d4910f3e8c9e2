import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { applyModelPlan } from '../../src/model/apply.js';
import { exportModel } from '../../src/model/export.js';
import { loadModel } from '../../src/model/load.js';
import { planModel } from '../../src/model/plan.js';
import { readRemoteModel } from '../../src/model/remote.js';
import type { PortModel } from '../../src/model/types.js';
import { validateModel } from '../../src/model/validate.js';
import { createPortClient, type PortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let port: PortClient;
const SHIPPED = new URL('../../', import.meta.url).pathname;

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.start();
  port = createPortClient({ baseUrl: sandbox.url, clientId: 'c', clientSecret: 'secret-x', syncInstance: 'test' });
});
afterAll(() => sandbox.close());

async function plan(model: PortModel) {
  return planModel(model, await readRemoteModel(port, model));
}

describe('model export', () => {
  it('writes an org as model files that then plan without changes', async () => {
    const shipped = loadModel(SHIPPED).model;
    await applyModelPlan(await plan(shipped), port, silentLogger());
    // Someone's own blueprint and dashboard, made in Port's UI.
    await port.model.createBlueprint({
      identifier: 'repo',
      title: 'Repository',
      schema: { properties: { url: { type: 'string', format: 'url' } } },
      relations: { team: { target: 'team', required: false, many: true } },
    });
    await port.model.createPage({
      identifier: 'mine',
      title: 'Mine',
      type: 'dashboard',
      widgets: [
        {
          id: 'root',
          type: 'dashboard-widget',
          layout: [{ height: 400, columns: [{ id: 'repos', size: 12 }] }],
          widgets: [
            {
              id: 'repos',
              type: 'table-entities-explorer',
              title: 'Repositories',
              blueprint: 'repo',
              dataset: { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'repo' }] },
            },
          ],
        },
      ],
    });

    const dir = await mkdtemp(join(tmpdir(), 'pcs-export-'));
    const result = await exportModel(port, dir);
    expect(result.skipped).toEqual([]);
    expect(result.written).toContain('blueprints/repo.json');
    expect(result.written).toContain('dashboards/mine.json');
    expect(result.written).toContain('scorecards/service/platformCurrency.json');
    expect(result.written).toHaveLength(shipped.blueprints.length + shipped.scorecards.length + shipped.pages.length + 2);

    const { model, problems } = loadModel(dir);
    expect([...problems, ...validateModel(model)]).toEqual([]);
    const p = await plan(model);
    expect(p.items.filter((i) => i.action !== 'unchanged')).toEqual([]);
    expect(p.notManaged).toEqual([]);
  });
});
