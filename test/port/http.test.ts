import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, PortApiError, PortAuthError, PortUnreachableError } from '../../src/errors.js';
import { SecretScrubber, createLogger } from '../../src/logger.js';
import { PortHttp, type PortHttpOptions } from '../../src/port/http.js';
import { RawServer, fakeJwt, withAuth, type Handler } from '../support/raw-server.js';

const SECRET = 'super-secret-client-secret';
let server: RawServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, options: Partial<PortHttpOptions> = {}) {
  server = new RawServer(handler);
  const url = await server.start();
  const sleeps: number[] = [];
  const http = new PortHttp({
    baseUrl: url,
    clientId: 'client-1',
    clientSecret: SECRET,
    userAgent: 'port-catalog-sync/1.2.3 (test)',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { http, sleeps, server };
}

const get = (http: PortHttp, path = '/blueprints') => http.request({ route: 'GET x', method: 'GET', path });

describe('authentication', () => {
  it('fetches one token for many concurrent requests and sends it as a bearer', async () => {
    const token = fakeJwt(4102444800, 'one');
    const { http, server } = await setup(
      withAuth(
        () => ({ status: 200, body: { ok: true } }),
        () => token,
      ),
    );
    await Promise.all(Array.from({ length: 10 }, () => get(http)));
    const tokenCalls = server.requests.filter((r) => r.path === '/v1/auth/access_token');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.body).toEqual({ clientId: 'client-1', clientSecret: SECRET });
    const api = server.apiRequests();
    expect(api).toHaveLength(10);
    expect(new Set(api.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${token}`]));
    expect(api.every((r) => r.headers['user-agent'] === 'port-catalog-sync/1.2.3 (test)')).toBe(true);
  });

  it('reads the expiry from the exp claim and refreshes shortly before it', async () => {
    let clock = 1_000_000_000_000;
    const exp = Math.floor(clock / 1000) + 600; // 10 minutes, whatever expiresIn says
    let issued = 0;
    const { http, server } = await setup(
      (req) =>
        req.path === '/v1/auth/access_token'
          ? { status: 200, body: { accessToken: fakeJwt(exp + issued++ * 600, String(issued)), expiresIn: 10800 } }
          : { status: 200, body: { ok: true } },
      { now: () => clock },
    );
    await get(http);
    clock += 8 * 60_000; // 2 minutes left: still used
    await get(http);
    expect(server.requests.filter((r) => r.path === '/v1/auth/access_token')).toHaveLength(1);
    clock += 90_000; // 30 s left: inside the refresh margin
    await get(http);
    expect(server.requests.filter((r) => r.path === '/v1/auth/access_token')).toHaveLength(2);
  });

  it('keeps the same token Port hands back inside the margin instead of asking on every call', async () => {
    let clock = 1_000_000_000_000;
    const token = fakeJwt(Math.floor(clock / 1000) + 30);
    const { http, server } = await setup(
      (req) =>
        req.path === '/v1/auth/access_token' ? { status: 200, body: { accessToken: token, expiresIn: 30 } } : { status: 200, body: {} },
      { now: () => clock },
    );
    await get(http); // first fetch: 30 s left, inside the margin
    await get(http); // refetch returns the same token: kept to its real expiry
    await get(http);
    clock += 5_000;
    await get(http);
    expect(server.requests.filter((r) => r.path === '/v1/auth/access_token')).toHaveLength(2);
  });

  it('refreshes the token once on a 401 and retries the request', async () => {
    let n = 0;
    const { http, server } = await setup(
      withAuth(
        (req) =>
          req.headers.authorization === `Bearer ${fakeJwt(4102444800, '1')}`
            ? { status: 401, body: { ok: false, error: 'unauthorized' } }
            : { status: 200, body: { ok: true } },
        () => fakeJwt(4102444800, String(++n)),
      ),
    );
    const res = await get(http);
    expect(res.status).toBe(200);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/v1/auth/access_token',
      '/v1/blueprints',
      '/v1/auth/access_token',
      '/v1/blueprints',
    ]);
    // the refresh is not a retry: it spends no attempt and is not counted as one
    expect(http.stats).toMatchObject({ retries: 0, tokenFetches: 2 });
  });

  it('gives up with exit code 3 when the refreshed token is refused too', async () => {
    const { http, server } = await setup(
      withAuth(() => ({ status: 401, body: { ok: false, error: 'unauthorized', message: 'token expired' } })),
    );
    const error = await get(http).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortAuthError);
    expect((error as PortAuthError).exitCode).toBe(ExitCode.PortUnavailable);
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('reports refused credentials by client id, never with the secret', async () => {
    const { http } = await setup(() => ({
      status: 401,
      body: { ok: false, error: 'invalid_credentials', message: `bad secret ${SECRET}?` },
      headers: { 'x-trace-id': 'trace-9' },
    }));
    const error = (await get(http).catch((e: unknown) => e)) as PortAuthError;
    expect(error).toBeInstanceOf(PortAuthError);
    expect(error.message).toContain('client-1');
    expect(error.traceId).toBe('trace-9');
    expect(JSON.stringify({ m: error.message, j: error.toJSON(), s: error.stack })).not.toContain(SECRET);
  });
});

describe('retries', () => {
  it.each([429, 408, 502, 503, 504])('retries HTTP %i and then succeeds', async (status) => {
    let calls = 0;
    const { http, sleeps } = await setup(withAuth(() => (++calls < 3 ? { status } : { status: 200, body: { ok: true } })));
    const res = await get(http);
    expect(res.status).toBe(200);
    expect(calls).toBe(3);
    // equal jitter with random 0.5: 3/4 of 500 ms, then of 1000 ms
    expect(sleeps).toEqual([375, 750]);
  });

  it('does not retry a 500 and reports method, path, status, code, message and trace id', async () => {
    const { http, server } = await setup(
      withAuth(() => ({ status: 500, body: { ok: false, error: 'internal_error', message: 'boom' }, headers: { 'x-trace-id': 't-1' } })),
    );
    const error = (await get(http, '/blueprints/service').catch((e: unknown) => e)) as PortApiError;
    expect(error).toBeInstanceOf(PortApiError);
    expect(error).toMatchObject({
      method: 'GET',
      path: '/blueprints/service',
      status: 500,
      code: 'internal_error',
      portMessage: 'boom',
      traceId: 't-1',
    });
    expect(error.message).toBe('Port GET /blueprints/service failed with HTTP 500 internal_error: boom (x-trace-id t-1)');
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('honours Retry-After in seconds', async () => {
    let calls = 0;
    const { http, sleeps } = await setup(
      withAuth(() => (++calls === 1 ? { status: 429, headers: { 'retry-after': '7' } } : { status: 200, body: {} })),
    );
    await get(http);
    expect(sleeps).toEqual([7000]);
  });

  it('honours x-ratelimit-reset as relative seconds and as an epoch', async () => {
    const now = 1_800_000_000_000;
    let calls = 0;
    const { http, sleeps } = await setup(
      withAuth(() => {
        calls += 1;
        if (calls === 1) return { status: 429, headers: { 'x-ratelimit-reset': '12' } };
        if (calls === 2) return { status: 429, headers: { 'x-ratelimit-reset': String(now / 1000 + 3) } };
        return { status: 200, body: {} };
      }),
      { now: () => now },
    );
    await get(http);
    expect(sleeps).toEqual([12_000, 3_000]);
  });

  it('retries network errors and reports an unreachable Port with exit code 3', async () => {
    const { http, server, sleeps } = await setup(
      withAuth(() => ({ drop: true })),
      { retry: { maxAttempts: 4 } },
    );
    const error = (await get(http).catch((e: unknown) => e)) as PortUnreachableError;
    expect(error).toBeInstanceOf(PortUnreachableError);
    expect(error.exitCode).toBe(ExitCode.PortUnavailable);
    expect(error.message).toMatch(/could not be reached \(ECONNRESET\); gave up after 4 attempts/);
    expect(server.apiRequests()).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('bounds the attempts on throttling', async () => {
    const { http, server } = await setup(
      withAuth(() => ({ status: 429 })),
      { retry: { maxAttempts: 3 } },
    );
    const error = (await get(http).catch((e: unknown) => e)) as PortApiError;
    expect(error.message).toContain('still rate limited after 3 attempts');
    expect(server.apiRequests()).toHaveLength(3);
  });

  it('gives up at once when Port asks for a wait beyond the time budget', async () => {
    const { http, server, sleeps } = await setup(
      withAuth(() => ({ status: 429, headers: { 'retry-after': '900' } })),
      {
        retry: { maxTotalWaitMs: 60_000 },
      },
    );
    await expect(get(http)).rejects.toBeInstanceOf(PortApiError);
    expect(sleeps).toEqual([]);
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('bounds the total wait across attempts', async () => {
    const { http, sleeps } = await setup(
      withAuth(() => ({ status: 503 })),
      {
        retry: { maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 1000, maxTotalWaitMs: 3500 },
      },
    );
    await expect(get(http)).rejects.toBeInstanceOf(PortUnreachableError);
    expect(sleeps).toEqual([750, 750, 750, 750]);
  });

  it('reaches a refused port as unreachable without hanging', async () => {
    const http = new PortHttp({
      baseUrl: 'http://127.0.0.1:9',
      clientId: 'c',
      clientSecret: SECRET,
      userAgent: 'ua',
      sleep: async () => {},
      retry: { maxAttempts: 2 },
    });
    const error = (await get(http).catch((e: unknown) => e)) as PortUnreachableError;
    expect(error).toBeInstanceOf(PortUnreachableError);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('pacing and concurrency', () => {
  it('waits for the window to reset when Port says none remain', async () => {
    const now = 1_800_000_000_000;
    let calls = 0;
    const { http, sleeps } = await setup(
      withAuth(() => ({
        status: 200,
        body: {},
        headers: { 'x-ratelimit-remaining': ++calls === 1 ? '0' : '1000', 'x-ratelimit-reset': '4' },
      })),
      { now: () => now },
    );
    await get(http);
    await get(http);
    expect(sleeps).toEqual([4000]);
  });

  it('spreads the requests left over the rest of the window when few remain', async () => {
    const now = 1_800_000_000_000;
    const { http, sleeps } = await setup(
      withAuth(() => ({ status: 200, body: {}, headers: { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': '10' } })),
      { now: () => now, pacingLowWater: 20 },
    );
    await get(http); // learns: 10 left for 10 s
    await Promise.all([get(http), get(http), get(http)]);
    // slots 1 s apart; each answer re-reads the headers, so later slots keep the spacing
    expect(sleeps.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sleeps)).toBeGreaterThanOrEqual(1000);
  });

  it('never has more requests in flight than its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const { http } = await setup(
      withAuth(async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 15));
        inFlight -= 1;
        return { status: 200, body: {} };
      }),
      { concurrency: 3 },
    );
    await Promise.all(Array.from({ length: 12 }, () => get(http)));
    expect(peak).toBe(3);
    expect(http.stats).toMatchObject({ calls: 13, reads: 13, writes: 0, tokenFetches: 1 });
  });
});

describe('secrets in logs', () => {
  it('keeps the client secret and the token out of every log line', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const scrubber = new SecretScrubber();
    scrubber.add(SECRET);
    const logger = createLogger({ level: 'debug', scrubber, destination });
    const token = fakeJwt(4102444800, 'logged');
    let calls = 0;
    const { http } = await setup(
      withAuth(
        () => (++calls === 1 ? { status: 503, body: { message: `echo ${token}` } } : { status: 500, body: { message: `echo ${SECRET}` } }),
        () => token,
      ),
      { logger, onToken: (t) => scrubber.add(t) },
    );
    const error = await get(http).catch((e: unknown) => e);
    logger.error({ err: error, headers: { Authorization: `Bearer ${token}` }, config: { clientSecret: SECRET } }, 'failed');
    const out = lines.join('');
    expect(out).toContain('Port call retried');
    expect(out).toContain('failed');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(token);
    expect(out).toContain('[REDACTED]');
  });
});

describe('proxy from the environment', () => {
  it('is not used for a Port on a loopback host', async () => {
    const saved = {
      HTTP_PROXY: process.env.HTTP_PROXY,
      http_proxy: process.env.http_proxy,
      NO_PROXY: process.env.NO_PROXY,
      no_proxy: process.env.no_proxy,
    };
    // a proxy that refuses every connection: a request sent through it could not succeed
    Object.assign(process.env, { HTTP_PROXY: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9', NO_PROXY: '', no_proxy: '' });
    try {
      const { http, server } = await setup(
        withAuth(() => ({ status: 200, body: { ok: true } })),
        { retry: { maxAttempts: 1 } },
      );
      await expect(get(http)).resolves.toMatchObject({ status: 200 });
      expect(server.apiRequests()).toHaveLength(1);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
