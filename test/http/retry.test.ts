import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RunAbortedError } from '../../src/errors.js';
import {
  DEFAULT_RETRY_LIMITS,
  createPacer,
  withRetries,
  type RateLimitHeaderNames,
  type RetryNotice,
  type RetryOptions,
  type RetryPolicy,
} from '../../src/http/index.js';
import { RawServer, type Handler, type Reply } from '../support/raw-server.js';
import { fetchAttempt } from './fetch-attempt.js';

/** A whole second, so HTTP dates (second resolution) land exactly on it. */
const NOW = 1_800_000_000_000;
const PORT_NAMES: RateLimitHeaderNames = { retryAfter: 'retry-after', reset: 'x-ratelimit-reset', remaining: 'x-ratelimit-remaining' };
const GITLAB_NAMES: RateLimitHeaderNames = { retryAfter: 'retry-after', reset: 'ratelimit-reset', remaining: 'ratelimit-remaining' };

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<{ url: string; server: RawServer }> {
  server = new RawServer(handler);
  const url = await server.start();
  return { url: `${url}/things`, server };
}

/** Answers `replies` in turn, then 200. */
function inTurn(...replies: Reply[]): Handler {
  let n = 0;
  return () => replies[n++] ?? { status: 200, body: { ok: true } };
}

function policy(over: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_LIMITS, headers: PORT_NAMES, ...over };
}

/** Test seams: sleeps are recorded and return at once; jitter is the midpoint; the clock stands still. */
function seams(extra: RetryOptions = {}) {
  const sleeps: number[] = [];
  const notices: RetryNotice[] = [];
  const options: RetryOptions = {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => NOW,
    onRetry: (n) => notices.push(n),
    ...extra,
  };
  return { sleeps, notices, options };
}

describe('retry loop', () => {
  it.each([408, 429, 502, 503, 504])('retries HTTP %i and returns the answer that follows', async (status) => {
    const { url, server } = await serve(inTurn({ status }, { status }));
    const { sleeps, notices, options } = seams();
    const result = await withRetries(fetchAttempt(url), policy(), options);
    expect(result).toMatchObject({ outcome: { kind: 'answer', status: 200, accepted: true }, attempts: 3, exhausted: false });
    expect(server.requests).toHaveLength(3);
    // equal jitter with random 0.5: 3/4 of 500 ms, then of 1000 ms
    expect(sleeps).toEqual([375, 750]);
    expect(notices).toEqual([
      { attempt: 1, maxAttempts: 6, waitMs: 375, reason: `HTTP ${status}` },
      { attempt: 2, maxAttempts: 6, waitMs: 750, reason: `HTTP ${status}` },
    ]);
  });

  it.each([400, 401, 404, 409, 500])('returns HTTP %i at once, without a retry', async (status) => {
    const { url, server } = await serve(inTurn({ status }));
    const { sleeps, options } = seams();
    const result = await withRetries(fetchAttempt(url), policy(), options);
    expect(result).toMatchObject({ outcome: { kind: 'answer', status, accepted: false }, attempts: 1, exhausted: false });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('never retries an answer the caller accepts, even a retryable status', async () => {
    const { url, server } = await serve(inTurn({ status: 429 }));
    const result = await withRetries(
      fetchAttempt(url, (s) => s === 429),
      policy(),
      seams().options,
    );
    expect(result).toMatchObject({ outcome: { status: 429, accepted: true }, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a dropped connection and names its code', async () => {
    const { url, server } = await serve(inTurn({ drop: true }));
    const { sleeps, notices, options } = seams();
    const result = await withRetries(fetchAttempt(url), policy(), options);
    expect(result).toMatchObject({ outcome: { status: 200 }, attempts: 2 });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([375]);
    expect(notices[0]?.reason).toBe('UND_ERR_SOCKET');
  });

  it('does not retry a network failure that another attempt would not mend', async () => {
    // A server that does not speak HTTP: the parser's error is not a transient one.
    const garbage: Server = createServer((socket) => socket.on('data', () => socket.end('garbage\r\n\r\n')));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    let connections = 0;
    garbage.on('connection', () => (connections += 1));
    try {
      const { sleeps, options } = seams();
      const url = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/`;
      const result = await withRetries(fetchAttempt(url), policy(), options);
      expect(result).toMatchObject({ outcome: { kind: 'network', code: 'HPE_INVALID_CONSTANT' }, attempts: 1, exhausted: false });
      expect(connections).toBe(1);
      expect(sleeps).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => garbage.close(() => resolve()));
    }
  });

  it('sends again at once, once, when the caller repaired the failure, without spending an attempt', async () => {
    const { url, server } = await serve(inTurn({ status: 401 }, { status: 401 }, { status: 401 }));
    const { sleeps, options } = seams();
    const plain = fetchAttempt(url);
    let repaired = 0;
    const result = await withRetries(
      async (n) => {
        const outcome = await plain(n);
        repaired += 1;
        return outcome.kind === 'answer' && outcome.status === 401 ? { ...outcome, repeat: true } : outcome;
      },
      policy(),
      options,
    );
    // the first 401 is repeated; the second is final however often the caller asks
    expect(result).toMatchObject({ outcome: { status: 401 }, attempts: 1, exhausted: false });
    expect(repaired).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });
});

describe('waits the server asks for', () => {
  const at = (offsetMs: number) => new Date(NOW + offsetMs).toUTCString();

  it.each([
    ['delay-seconds', { 'retry-after': '7' }, 7_000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1_500],
    ['an HTTP date', { 'retry-after': at(42_000) }, 42_000],
    ['an HTTP date already past', { 'retry-after': at(-5_000) }, 0],
    ['reset as relative seconds', { 'x-ratelimit-reset': '12' }, 12_000],
    ['reset as epoch seconds', { 'x-ratelimit-reset': String(NOW / 1000 + 3) }, 3_000],
    ['reset as epoch milliseconds', { 'x-ratelimit-reset': String(NOW + 2_500) }, 2_500],
    ['Retry-After before the reset', { 'retry-after': '2', 'x-ratelimit-reset': '9' }, 2_000],
    ['an unreadable header: backoff', { 'retry-after': 'soon' }, 375],
  ])('honours %s on a 429 and a 503', async (_what, headers, expected) => {
    for (const status of [429, 503]) {
      const { url } = await serve(inTurn({ status, headers }));
      const { sleeps, options } = seams();
      await withRetries(fetchAttempt(url), policy(), options);
      expect(sleeps).toEqual([expected]);
      await server?.close();
    }
  });

  it('backs off on other retryable statuses whatever their headers say', async () => {
    const { url } = await serve(inTurn({ status: 502, headers: { 'retry-after': '7' } }));
    const { sleeps, options } = seams();
    await withRetries(fetchAttempt(url), policy(), options);
    expect(sleeps).toEqual([375]);
  });

  it('reads the header names it is given, and no others', async () => {
    const { url } = await serve(
      inTurn(
        { status: 429, headers: { 'ratelimit-reset': String(NOW / 1000 + 5) } },
        { status: 429, headers: { 'x-ratelimit-reset': '9' } },
        { status: 503, headers: { 'x-wait': '4' } },
      ),
    );
    const { sleeps, options } = seams();
    await withRetries(fetchAttempt(url), policy({ headers: { ...GITLAB_NAMES, retryAfter: 'x-wait' } }), options);
    // GitLab's reset as epoch seconds; Port's name ignored (backoff, second attempt); the custom Retry-After
    expect(sleeps).toEqual([5_000, 750, 4_000]);
  });
});

describe('budget', () => {
  it('bounds the attempts and says the budget was spent', async () => {
    const { url, server } = await serve(() => ({ status: 429 }));
    const { sleeps, options } = seams();
    const result = await withRetries(fetchAttempt(url), policy({ maxAttempts: 3 }), options);
    expect(result).toMatchObject({ outcome: { status: 429 }, attempts: 3, exhausted: true });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('gives up at once when the server asks for a wait beyond the time budget', async () => {
    const { url, server } = await serve(() => ({ status: 429, headers: { 'retry-after': '900' } }));
    const { sleeps, options } = seams();
    const result = await withRetries(fetchAttempt(url), policy({ maxTotalWaitMs: 60_000 }), options);
    expect(result).toMatchObject({ attempts: 1, exhausted: true });
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('bounds the total wait across attempts', async () => {
    const { url, server } = await serve(() => ({ status: 503 }));
    const { sleeps, options } = seams();
    const result = await withRetries(
      fetchAttempt(url),
      policy({ maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 1000, maxTotalWaitMs: 3500 }),
      options,
    );
    expect(sleeps).toEqual([750, 750, 750, 750]);
    expect(result).toMatchObject({ attempts: 5, exhausted: true });
    expect(server.requests).toHaveLength(5);
  });

  it('caps each backoff at the longest single wait', async () => {
    const { url } = await serve(() => ({ status: 502 }));
    const { sleeps, options } = seams({ random: () => 1 });
    await withRetries(fetchAttempt(url), policy({ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 5000 }), options);
    expect(sleeps).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

describe('pacing in the loop', () => {
  it('waits for the reset its pacer read from the custom headers before the next call', async () => {
    const { url, server } = await serve(inTurn({ status: 200, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': '4' } }));
    const pacer = createPacer({ lowWater: 10, maxWaitMs: 30_000, headers: GITLAB_NAMES }, { now: () => NOW });
    const waited: number[] = [];
    const { sleeps, options } = seams({ pacer, onWaited: (ms) => waited.push(ms) });
    await withRetries(fetchAttempt(url), policy({ headers: GITLAB_NAMES }), options);
    expect(sleeps).toEqual([]);
    await withRetries(fetchAttempt(url), policy({ headers: GITLAB_NAMES }), options);
    expect(sleeps).toEqual([4_000]);
    expect(waited).toEqual([4_000]);
    expect(server.requests).toHaveLength(2);
  });
});

describe('abort', () => {
  it('ends a backoff wait the moment the signal fires and sends nothing more', async () => {
    const { url, server } = await serve(() => ({ status: 503 }));
    const controller = new AbortController();
    // A wait that would never end on its own: only the signal can end it.
    const { options } = seams({
      sleep: () => {
        controller.abort(new Error('shutting down'));
        return new Promise<void>(() => {});
      },
    });
    const error = await withRetries(fetchAttempt(url), policy(), { ...options, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunAbortedError);
    expect((error as RunAbortedError).message).toBe('The run was aborted: shutting down');
    expect(server.requests).toHaveLength(1);
  });

  it('ends a long Retry-After wait on the real clock when the signal fires', async () => {
    const { url, server } = await serve(() => ({ status: 429, headers: { 'retry-after': '100' } }));
    const controller = new AbortController();
    const options: RetryOptions = {
      signal: controller.signal,
      // fires once the timer of the 100 s wait is running
      onRetry: () => setImmediate(() => controller.abort('deadline')),
    };
    await expect(withRetries(fetchAttempt(url), policy(), options)).rejects.toThrow('The run was aborted: deadline');
    expect(server.requests).toHaveLength(1);
  });

  it('ends a pacing wait the moment the signal fires', async () => {
    const { url, server } = await serve(() => ({ status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60' } }));
    const pacer = createPacer({ lowWater: 10, maxWaitMs: 120_000, headers: PORT_NAMES }, { now: () => NOW });
    const controller = new AbortController();
    const { options } = seams({
      pacer,
      sleep: () => {
        controller.abort();
        return new Promise<void>(() => {});
      },
    });
    await withRetries(fetchAttempt(url), policy(), options);
    await expect(withRetries(fetchAttempt(url), policy(), { ...options, signal: controller.signal })).rejects.toBeInstanceOf(
      RunAbortedError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('starts nothing once the signal has fired', async () => {
    const { url, server } = await serve(() => ({ status: 200 }));
    const controller = new AbortController();
    controller.abort();
    await expect(withRetries(fetchAttempt(url), policy(), { ...seams().options, signal: controller.signal })).rejects.toBeInstanceOf(
      RunAbortedError,
    );
    expect(server.requests).toHaveLength(0);
  });
});
