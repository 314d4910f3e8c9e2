import { afterEach, describe, expect, it } from 'vitest';
import { PortApiError } from '../../src/errors.js';
import { splitIntoBatches } from '../../src/port/batch.js';
import { PortEntities, type PortEntity } from '../../src/port/entities.js';
import { PortHttp } from '../../src/port/http.js';
import { RawServer, withAuth, type Handler, type SeenRequest } from '../support/raw-server.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler) {
  server = new RawServer(withAuth(handler));
  const url = await server.start();
  const http = new PortHttp({ baseUrl: url, clientId: 'c', clientSecret: 'secret-value', userAgent: 'ua', sleep: async () => {} });
  return { entities: new PortEntities(http), server };
}

const entity = (identifier: string, size = 0): PortEntity => ({
  identifier,
  title: identifier,
  properties: size ? { blob: 'x'.repeat(size) } : {},
});

const sentIds = (r: SeenRequest) => ((r.body as { entities: { identifier: string }[] }).entities ?? []).map((e) => e.identifier);

const allOk = (r: SeenRequest) => ({
  status: 200,
  body: { ok: true, entities: sentIds(r).map((identifier, index) => ({ identifier, index, created: true })), errors: [] },
});

describe('batching', () => {
  it('splits by count: at most 20 entities per bulk call', async () => {
    const { entities, server } = await setup(allOk);
    const result = await entities.update(
      'service',
      Array.from({ length: 45 }, (_, i) => entity(`s-${i}`)),
    );
    const calls = server.apiRequests();
    expect(calls.map((c) => sentIds(c).length).sort()).toEqual([20, 20, 5]);
    expect(calls.every((c) => c.query.get('upsert') === 'true' && c.query.get('merge') === 'true')).toBe(true);
    expect(calls.every((c) => !c.query.has('create_missing_related_entities'))).toBe(true);
    expect(result.written).toHaveLength(45);
    expect(result.failed).toEqual([]);
  });

  it('splits by bytes: no body over 1 MiB, measured as UTF-8', async () => {
    const { entities, server } = await setup(allOk);
    // 300 kB of two-byte characters each: 600 kB per entity, one per call
    const big = Array.from({ length: 4 }, (_, i) => ({ identifier: `b-${i}`, properties: { text: 'é'.repeat(300_000) } }));
    await entities.create('service', big);
    const calls = server.apiRequests();
    expect(calls).toHaveLength(4);
    for (const c of calls) expect(Buffer.byteLength(JSON.stringify(c.body))).toBeLessThanOrEqual(1024 * 1024);
    expect(calls.every((c) => c.query.get('upsert') === 'false')).toBe(true);
  });

  it('fails an entity that alone exceeds 1 MiB without sending it', async () => {
    const { entities, server } = await setup(allOk);
    const result = await entities.create('service', [entity('ok-1'), entity('huge', 1_100_000), entity('ok-2')]);
    expect(result.failed).toMatchObject([{ identifier: 'huge', status: 413 }]);
    expect(result.failed[0]!.message).toMatch(/more than Port's 1 MiB request limit/);
    expect(server.apiRequests().flatMap(sentIds)).toEqual(['ok-1', 'ok-2']);
  });

  it('packs as many entities as fit', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ identifier: `e${i}`, pad: 'x'.repeat(100) }));
    const one = Buffer.byteLength(JSON.stringify(items[0]));
    const { batches } = splitIntoBatches(items, 20, 15 + one * 3 + 2);
    expect(batches.map((b) => b.items.length)).toEqual([3, 3, 3, 1]);
    expect(batches.flatMap((b) => b.indexes)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('batches rejected as a whole', () => {
  it.each([413, 422])('splits a batch rejected with %i until the bad entity is named', async (status) => {
    const { entities, server } = await setup((r) =>
      sentIds(r).includes('bad') ? { status, body: { ok: false, error: 'invalid', message: 'bad property' } } : allOk(r),
    );
    const list = Array.from({ length: 8 }, (_, i) => entity(i === 5 ? 'bad' : `e-${i}`));
    const result = await entities.update('service', list);
    expect(result.written.map((w) => w.identifier).sort()).toEqual(['e-0', 'e-1', 'e-2', 'e-3', 'e-4', 'e-6', 'e-7']);
    expect(result.failed).toMatchObject([{ identifier: 'bad', status, code: 'invalid', message: 'bad property' }]);
    // 8 -> 4+4 -> 2+2 -> 1+1: the bad entity is isolated in a few calls, not one call each
    expect(server.apiRequests().length).toBeLessThanOrEqual(7);
  });

  it('maps the errors of a 4xx body that names entities by index', async () => {
    const { entities } = await setup((r) => ({
      status: 422,
      body: {
        ok: false,
        entities: [],
        errors: sentIds(r).map((identifier, index) => ({ identifier, index, statusCode: 422, error: 'invalid', message: `bad ${index}` })),
      },
    }));
    const result = await entities.update('service', [entity('a'), entity('b')]);
    expect(result.failed.map((f) => [f.identifier, f.message])).toEqual([
      ['a', 'bad 0'],
      ['b', 'bad 1'],
    ]);
  });

  it('reports an entity Port leaves out of its answer', async () => {
    const { entities } = await setup(() => ({
      status: 200,
      body: { ok: true, entities: [{ identifier: 'a', index: 0, created: false }], errors: [] },
    }));
    const result = await entities.update('service', [entity('a'), entity('b')]);
    expect(result.written).toEqual([{ identifier: 'a', created: false }]);
    expect(result.failed).toMatchObject([{ identifier: 'b', message: 'Port did not report a result for this entity' }]);
  });

  it('fails the batch on a malformed answer without losing the other batches', async () => {
    let n = 0;
    const { entities } = await setup((r) => (++n === 1 ? { status: 200, body: 'not json at all' } : allOk(r)));
    const result = await entities.update(
      'service',
      Array.from({ length: 25 }, (_, i) => entity(`e-${i}`)),
    );
    expect(result.failed.length + result.written.length).toBe(25);
    expect(result.failed[0]!.message).toMatch(/unexpected response body/);
  });
});

describe('search pagination', () => {
  it('stops on a cursor that repeats instead of paging forever', async () => {
    const { entities } = await setup(() => ({ status: 200, body: { ok: true, entities: [{ identifier: 'x' }], next: 'same' } }));
    await expect(entities.search('service')).rejects.toThrow(PortApiError);
  });

  it('drops an entity without an identifier and keeps the rest', async () => {
    const { entities } = await setup(() => ({ status: 200, body: { ok: true, entities: [{ identifier: 'a' }, { title: 'no id' }] } }));
    expect(await entities.search('service')).toEqual([{ identifier: 'a' }]);
  });
});
