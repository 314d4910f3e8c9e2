import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT, Harness } from './support.js';

let h: Harness;
afterEach(() => h.close());

const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('access tokens', () => {
  it('issues a JWT-shaped bearer token with exp, iat and the client id', async () => {
    const clock = 1_700_000_000_000;
    h = await Harness.start({ now: () => clock });
    const reply = await h.raw('POST', '/v1/auth/access_token', { body: CLIENT });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, expiresIn: 10800, tokenType: 'Bearer' });
    const token = reply.body.accessToken as string;
    expect(token.split('.')).toHaveLength(3);
    expect(claims(token)).toMatchObject({ clientId: CLIENT.clientId, iat: 1_700_000_000, exp: 1_700_000_000 + 10800 });
  });

  it('returns the same token while it is unexpired, and a new one after', async () => {
    let clock = 1_700_000_000_000;
    h = await Harness.start({ now: () => clock, tokenTtlSeconds: 600 });
    const first = await h.raw('POST', '/v1/auth/access_token', { body: CLIENT });
    clock += 100_000;
    const again = await h.raw('POST', '/v1/auth/access_token', { body: CLIENT });
    expect(again.body.accessToken).toBe(first.body.accessToken);
    expect(again.body.expiresIn).toBe(500);

    clock += 500_000;
    const expired = await h.raw('GET', '/v1/blueprints', { headers: { authorization: `Bearer ${first.body.accessToken}` } });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ ok: false, error: 'unauthorized' });

    const fresh = await h.raw('POST', '/v1/auth/access_token', { body: CLIENT });
    expect(fresh.body.accessToken).not.toBe(first.body.accessToken);
    const ok = await h.raw('GET', '/v1/blueprints', { headers: { authorization: `Bearer ${fresh.body.accessToken}` } });
    expect(ok.status).toBe(200);
  });

  it('accepts only the configured credentials when some are set', async () => {
    h = await Harness.start({ credentials: CLIENT });
    const wrong = await h.raw('POST', '/v1/auth/access_token', { body: { clientId: CLIENT.clientId, clientSecret: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ ok: false, error: 'invalid_credentials', message: expect.any(String) });
    expect((await h.raw('POST', '/v1/auth/access_token', { body: CLIENT })).status).toBe(200);
  });

  it('refuses empty credentials by default and extra body keys always', async () => {
    h = await Harness.start();
    expect((await h.raw('POST', '/v1/auth/access_token', { body: { clientId: '', clientSecret: 'x' } })).status).toBe(401);
    const extra = await h.raw('POST', '/v1/auth/access_token', { body: { ...CLIENT, scope: 'all' } });
    expect(extra.status).toBe(422);
    expect(extra.body.message).toContain("The json provided does not match the route's schema");
  });
});

describe('bearer checks', () => {
  it('answers 401 without a token or with one it never issued', async () => {
    h = await Harness.start();
    expect((await h.raw('GET', '/v1/blueprints')).status).toBe(401);
    const forged = await h.raw('GET', '/v1/blueprints', { headers: { authorization: 'Bearer a.b.c' } });
    expect(forged.status).toBe(401);
    expect(forged.body.ok).toBe(false);
  });

  it('answers 401 after expireTokens until a new token is fetched', async () => {
    h = await Harness.start();
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(200);
    const old = await h.token();
    h.sandbox.faults.expireTokens();
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(401);
    h.forgetToken();
    expect(await h.token()).not.toBe(old);
    expect((await h.call('GET', '/v1/blueprints')).status).toBe(200);
  });

  it('puts an x-trace-id on every response, errors included', async () => {
    h = await Harness.start();
    const a = await h.raw('GET', '/v1/blueprints');
    const b = await h.call('GET', '/v1/blueprints');
    expect(a.headers.get('x-trace-id')).toMatch(/\S{8,}/);
    expect(b.headers.get('x-trace-id')).not.toBe(a.headers.get('x-trace-id'));
  });
});
