import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { ContractCase } from '../case.js';
import { expectThat, judge, notProbed, SetupError, show, type Outcome } from '../check.js';
import { at, statusCode } from '../probe.js';
import { blueprintPath, bulkPath, entitiesPath, validateEntity } from './helpers.js';

/** Just over Port's 1 MiB body limit (PORT-API.md 1.3). */
const OVERSIZED_BYTES = 1024 * 1024 + 64 * 1024;
/** Port's documented window when it names none (PORT-API.md 6.3). */
const DEFAULT_PERIOD_SECONDS = 300;
/** Clock skew and request time tolerated when telling epoch seconds from relative ones. */
const SLACK_SECONDS = 5;

const NOT_PROVOKED_429 =
  "a 429 cannot be provoked without exhausting the org's rate limit, which would throttle every other client of the org";

function resetKind(value: number, nowSeconds: number, period: number): string {
  if (!Number.isFinite(value)) return 'not a number';
  if (value >= nowSeconds - SLACK_SECONDS && value <= nowSeconds + period + SLACK_SECONDS) return 'epoch seconds';
  if (value >= 0 && value <= period + SLACK_SECONDS) return 'seconds from now';
  return 'neither epoch nor relative seconds';
}

const withNote = (outcome: Outcome, note: string): Outcome => ({ ...outcome, observed: `${outcome.observed}; ${note}` });

export const transportCases: ContractCase[] = [
  {
    id: 'ratelimit-reset-epoch',
    async run(ctx) {
      const res = await ctx.probe.raw({ method: 'GET', path: blueprintPath(ctx.scratch.target) });
      const reset = res.headers['x-ratelimit-reset'];
      if (reset === undefined) return notProbed('the answer carried no x-ratelimit-reset header', `GET blueprint: ${statusCode(res)}`);
      const period = Number(res.headers['x-ratelimit-period'] ?? DEFAULT_PERIOD_SECONDS);
      const now = Date.now() / 1000;
      return judge([
        expectThat(
          `x-ratelimit-reset ${reset} at ${Math.floor(now)} (period ${period})`,
          resetKind(Number(reset), now, period),
          'epoch seconds',
        ),
      ]);
    },
  },
  {
    id: 'retry-after-on-429',
    run: () => Promise.resolve(notProbed(NOT_PROVOKED_429)),
  },
  {
    id: 'error-codes',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const route = await validateEntity(ctx, scratch.main, { identifier: scratch.id('has spaces in it') });
      const schema = await validateEntity(ctx, scratch.main, {
        identifier: scratch.id('bad-count'),
        properties: { count: 'not a number' },
      });
      const token = await probe.raw({ method: 'GET', path: blueprintPath(scratch.main), auth: { token: scratch.id('not-a-token') } });
      // An invented client id: a wrong secret for the real one could count against that account.
      const credentials = JSON.stringify({ clientId: scratch.id('no-such-client'), clientSecret: randomBytes(16).toString('hex') });
      const login = await probe.raw({ method: 'POST', path: '/auth/access_token', auth: 'none', body: credentials });
      const large = await probe.call('POST', bulkPath(scratch.main), {
        query: { upsert: true, validation_only: true },
        body: { entities: [{ identifier: scratch.id('oversized'), properties: { meta: { blob: 'x'.repeat(OVERSIZED_BYTES) } } }] },
      });
      const outcome = judge([
        expectThat('route schema', statusCode(route), '422 invalid_request'),
        expectThat('blueprint schema', statusCode(schema), '422 invalid_entity'),
        expectThat('bad token', statusCode(token), '401 unauthorized'),
        expectThat('bad credentials', statusCode(login), '401 invalid_credentials'),
        expectThat('body over 1 MiB', statusCode(large), '413 request_too_large'),
      ]);
      return withNote(outcome, '429: not probed (would exhaust the rate limit)');
    },
  },
  {
    id: 'bad-json-400',
    async run(ctx) {
      const path = `${entitiesPath(ctx.scratch.main)}?upsert=true&validation_only=true`;
      const res = await ctx.probe.raw({ method: 'POST', path, body: '{"identifier": ' });
      return judge([expectThat('truncated JSON body', statusCode(res), '400 invalid_json')]);
    },
  },
  {
    id: 'token-expires-in-remaining',
    async run(ctx) {
      const body = JSON.stringify(ctx.credentials);
      const started = Date.now();
      const first = await ctx.probe.raw({ method: 'POST', path: '/auth/access_token', auth: 'none', body });
      await delay(ctx.tokenWaitMs);
      const second = await ctx.probe.raw({ method: 'POST', path: '/auth/access_token', auth: 'none', body });
      const elapsed = (Date.now() - started) / 1000;
      if (first.status !== 200 || second.status !== 200)
        throw new SetupError(`token requests answered ${first.status} and ${second.status}`);
      const [a, b] = [at(first.body, 'expiresIn'), at(second.body, 'expiresIn')];
      const observed = `expiresIn ${show(a)}, then ${show(b)} ${elapsed.toFixed(1)} s later`;
      // Tokens are compared, never shown.
      if (at(first.body, 'accessToken') !== at(second.body, 'accessToken')) {
        return notProbed('Port issued a new token instead of handing out the active one again', observed);
      }
      const drop = typeof a === 'number' && typeof b === 'number' ? a - b : Number.NaN;
      const kind =
        drop === 0
          ? 'unchanged'
          : drop >= Math.floor(ctx.tokenWaitMs / 1000) - 1 && drop <= Math.ceil(elapsed) + 1
            ? 'remaining lifetime'
            : 'neither';
      return judge([expectThat(observed, kind, 'remaining lifetime')]);
    },
  },
];
