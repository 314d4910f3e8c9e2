import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support.js';

let h: Harness;
afterEach(() => h.close());

describe('a long-running sandbox', () => {
  it('answers a body that is not JSON with 400 and keeps serving', async () => {
    h = await Harness.start();
    const token = await h.token();
    const bad = await h.raw('POST', '/v1/blueprints', { headers: { authorization: `Bearer ${token}` }, rawBody: '{"identifier":' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ ok: false, error: 'invalid_json', message: expect.any(String) });
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(200);
  });

  it('answers an unknown route with 404 not_found', async () => {
    h = await Harness.start();
    const reply = await h.call('GET', '/v1/blueprints/x/unknown/thing');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ ok: false, error: 'not_found' });
    expect((await h.raw('GET', '/elsewhere')).status).toBe(404);
  });

  it('answers a missing body with a route-schema 422, not a crash', async () => {
    h = await Harness.start();
    h.sandbox.store.seedBlueprint({ identifier: 'svc', title: 'Svc', schema: { properties: {} } });
    expect((await h.call('POST', '/v1/blueprints/svc/entities/bulk')).status).toBe(422);
    expect((await h.call('POST', '/v1/blueprints/svc/entities', [1, 2])).status).toBe(422);
  });

  it('survives a client that disconnects mid-body', async () => {
    h = await Harness.start();
    const { request } = await import('node:http');
    await new Promise<void>((resolve) => {
      const req = request(`${h.sandbox.url}/v1/blueprints`, { method: 'POST', headers: { 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"a":', () => {
        req.destroy();
        resolve();
      });
    });
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(200);
  });

  it('answers each request no sooner than the configured latency after it arrived', async () => {
    h = await Harness.start({ latencyMs: 60 });
    const started = performance.now();
    await h.raw('GET', '/v1/blueprints');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('closes with keep-alive sockets open, and close is idempotent', async () => {
    h = await Harness.start();
    await h.call('GET', '/v1/blueprints');
    await h.close();
    await h.close();
    await expect(fetch(`${h.sandbox.url}/_sandbox/health`)).rejects.toThrow();
  });
});
