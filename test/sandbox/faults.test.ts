import { afterEach, describe, expect, it } from 'vitest';
import { Harness, bulk, seedCatalog } from './support.js';

let h: Harness;
afterEach(() => h.close());

const entities = { entities: [{ identifier: 'a' }] };

describe('injected responses', () => {
  it('answers the next matching request with the fault, then handles normally', async () => {
    h = await Harness.start();
    seedCatalog(h.sandbox);
    h.sandbox.faults.add({
      method: 'POST',
      route: '/v1/blueprints/:blueprint/entities/bulk',
      status: 429,
      headers: { 'retry-after': '7' },
      times: 2,
    });
    const first = await h.call('POST', bulk('service'), entities, { upsert: true });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.headers.get('x-trace-id')).toBeTruthy();
    expect(first.body).toMatchObject({ ok: false });
    expect((await h.call('POST', bulk('service'), entities, { upsert: true })).status).toBe(429);
    expect(h.sandbox.store.entities('service').size).toBe(0);
    expect((await h.call('POST', bulk('service'), entities, { upsert: true })).status).toBe(200);
  });

  it('matches by method, template, METHOD template, path or RegExp, in the order added', async () => {
    h = await Harness.start();
    h.sandbox.faults.add({ method: 'POST', route: '/v1/blueprints', status: 500 });
    h.sandbox.faults.add({
      route: 'GET /v1/blueprints/:blueprint',
      status: 503,
      body: { ok: false, error: 'unavailable', message: 'later' },
    });
    h.sandbox.faults.add({ route: /^\/v1\/pages/, status: 502 });
    h.sandbox.faults.add({ route: '/v1/blueprints', status: 504 });
    expect((await h.call('GET', '/v1/pages')).status).toBe(502);
    const one = await h.call('GET', '/v1/blueprints/x');
    expect(one.status).toBe(503);
    expect(one.body).toEqual({ ok: false, error: 'unavailable', message: 'later' });
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(504);
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(200);
    expect((await h.call('POST', '/v1/blueprints', {})).status).toBe(500);
  });

  it('answers before authentication and 413, like a proxy in front of Port', async () => {
    h = await Harness.start();
    h.sandbox.faults.add({ status: 413, body: { ok: false, error: 'too_large', message: 'Request body is too large (limit is 1MiB)' } });
    expect((await h.raw('GET', '/v1/blueprints')).status).toBe(413);
    expect((await h.raw('GET', '/v1/blueprints')).status).toBe(401);
  });

  it('clear() drops pending faults', async () => {
    h = await Harness.start();
    h.sandbox.faults.add({ status: 500, times: 5 });
    h.sandbox.faults.clear();
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(200);
  });
});

describe('dropped connections', () => {
  it('destroys the socket without an answer and records status 0', async () => {
    h = await Harness.start();
    await h.token();
    h.sandbox.faults.dropConnection({ method: 'GET', route: '/v1/blueprints' });
    await expect(h.call('GET', '/v1/blueprints')).rejects.toThrow();
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(200);
    const statuses = h.sandbox.stats.requests.filter((r) => r.path === '/v1/blueprints').map((r) => r.status);
    expect(statuses).toEqual([0, 200]);
  });
});

describe('rate limit', () => {
  it('sends the x-ratelimit headers and answers 429 with Retry-After past the limit', async () => {
    let clock = 1_700_000_000_000;
    h = await Harness.start({ rateLimit: { limit: 3, periodSeconds: 300 }, now: () => clock });
    const token = await h.raw('POST', '/v1/auth/access_token', { body: { clientId: 'a', clientSecret: 'b' } });
    expect(token.headers.get('x-ratelimit-remaining')).toBe('2');
    const auth = { authorization: `Bearer ${token.body.accessToken}` };
    const second = await h.raw('GET', '/v1/blueprints', { headers: auth });
    expect(second.headers.get('x-ratelimit-limit')).toBe('3');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(second.headers.get('x-ratelimit-period')).toBe('300');
    expect(second.headers.get('x-ratelimit-reset')).toBe(String(1_700_000_000 + 300));

    clock += 100_000;
    expect((await h.raw('GET', '/v1/blueprints', { headers: auth })).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await h.raw('GET', '/v1/blueprints', { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('200');
    expect(limited.body).toMatchObject({ ok: false, error: 'rate_limit_exceeded' });

    clock += 200_000;
    const next = await h.raw('GET', '/v1/blueprints', { headers: auth });
    expect(next.status).toBe(200);
    expect(next.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('sends no rate-limit headers when no limit is set', async () => {
    h = await Harness.start();
    expect((await h.call('GET', '/v1/blueprints')).headers.get('x-ratelimit-limit')).toBeNull();
  });
});
