import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(() => h.close());

const dashboard = (columns: string[], children: string[]) => ({
  identifier: 'finops',
  title: 'FinOps',
  type: 'dashboard',
  widgets: [
    {
      id: 'root',
      type: 'dashboard-widget',
      layout: [{ height: 400, columns: columns.map((id) => ({ id, size: 12 / columns.length })) }],
      widgets: children.map((id) => ({ id, type: 'entities-number-chart', unit: '$' })),
    },
  ],
});

describe('pages', () => {
  it('creates, reads, patches, replaces and deletes a dashboard', async () => {
    const created = await h.call('POST', '/v1/pages', dashboard(['total', 'byTeam'], ['total', 'byTeam']));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ok: true, identifier: 'finops' });
    expect((await h.call('POST', '/v1/pages', dashboard(['a'], ['a']))).status).toBe(409);

    const read = await h.call('GET', '/v1/pages/finops');
    expect(read.body.page).toMatchObject({ identifier: 'finops', title: 'FinOps', type: 'dashboard' });

    const patched = await h.call('PATCH', '/v1/pages/finops', { title: 'Cost' });
    expect(patched.body).toEqual({ ok: true, identifier: 'finops' });
    expect(h.sandbox.store.pages.get('finops')).toMatchObject({ title: 'Cost', type: 'dashboard' });

    await h.call('PUT', '/v1/pages/finops', { title: 'Only title' });
    expect(h.sandbox.store.pages.get('finops')).not.toHaveProperty('widgets');

    expect((await h.call('GET', '/v1/pages')).body.pages).toHaveLength(1);
    expect((await h.call('DELETE', '/v1/pages/finops')).status).toBe(200);
    expect((await h.call('GET', '/v1/pages/finops')).status).toBe(404);
  });

  it.each([
    ['a bad identifier', { ...dashboard(['a'], ['a']), identifier: 'has space' }],
    ['an unknown page type', { ...dashboard(['a'], ['a']), type: 'report' }],
    ['an unknown widget type', { identifier: 'p', widgets: [{ type: 'sparkline' }] }],
    ['a layout column without its widget', dashboard(['a', 'b'], ['a'])],
    [
      'a column size over 12',
      {
        ...dashboard(['a'], ['a']),
        widgets: [
          {
            id: 'root',
            type: 'dashboard-widget',
            layout: [{ height: 1, columns: [{ id: 'a', size: 13 }] }],
            widgets: [{ id: 'a', type: 'markdown' }],
          },
        ],
      },
    ],
    ['two children with one id', dashboard(['a'], ['a', 'a'])],
  ])('refuses %s with 422', async (_what, body) => {
    const reply = await h.call('POST', '/v1/pages', body);
    expect(reply.status).toBe(422);
    expect(h.sandbox.store.pages.size).toBe(0);
  });

  it('refuses a patch that breaks the dashboard', async () => {
    await h.call('POST', '/v1/pages', dashboard(['a'], ['a']));
    const reply = await h.call('PATCH', '/v1/pages/finops', {
      widgets: [{ id: 'root', type: 'dashboard-widget', layout: [{ height: 1, columns: [{ id: 'gone', size: 12 }] }], widgets: [] }],
    });
    expect(reply.status).toBe(422);
  });

  it('accepts the special page identifiers', async () => {
    expect((await h.call('POST', '/v1/pages', { identifier: '$home' })).status).toBe(201);
  });
});
