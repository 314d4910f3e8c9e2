import { describe, expect, it } from 'vitest';
import { canonicalName, nameToIdentifier, toIdentifier } from '../../src/catalog/index.js';

/** Port's entity identifier pattern and limit, as Port states them. */
const PORT_PATTERN = /^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/='-]+$/u;
const PORT_MAX = 1000;

describe('toIdentifier', () => {
  it.each([
    ['checkout', 'checkout'],
    ['arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket'],
    ['arn:aws:eks:eu-west-1:123456789012:cluster/prod', 'arn:aws:eks:eu-west-1:123456789012:cluster/prod'],
    ['arn:aws:iam::123456789012:role/ops/a+b=c@d_e.f', 'arn:aws:iam::123456789012:role/ops/a+b=c@d_e.f'],
    ['123456789012/eu-west-1/prod/shop/Deployment/cart', '123456789012/eu-west-1/prod/shop/Deployment/cart'],
    ["o'brien\\x", "o'brien\\x"],
    ['...', '...'],
    ['Zürich', 'Zürich'],
    ['東京', '東京'],
    ['Ελλάδα', 'Ελλάδα'],
    ['my service', 'my=20service'],
    ['a#b', 'a=23b'],
    ['what?', 'what=3F'],
    ['50%*', '50=25=2A'],
    ['tab\tnew\nline', 'tab=09new=0Aline'],
    ['a,b', 'a=2Cb'],
    ['🚀', '=F0=9F=9A=80'],
    ['cost€', 'cost=E2=82=AC'],
    ['٣', '=D9=A3'],
    ['.', '=2E'],
    ['..', '=2E=2E'],
    ['', ''],
  ])('%j -> %j', (raw, expected) => {
    const identifier = toIdentifier(raw);
    expect(identifier).toBe(expected);
    if (raw !== '') expect(identifier).toMatch(PORT_PATTERN);
  });

  it.each([
    ['a'.repeat(1000), 'a'.repeat(1000)],
    ['a'.repeat(1001), `${'a'.repeat(983)}-bb0381c13e081720`],
    ['a'.repeat(1002), `${'a'.repeat(983)}-753d9ba07f28cb16`],
    ['a'.repeat(5000), `${'a'.repeat(983)}-c526c6222044dab5`],
    [' '.repeat(400), `${'=20'.repeat(327)}=2-e292db31b4971ca2`],
  ])('shortens a long identifier with a hash of the whole input (%#)', (raw, expected) => {
    const identifier = toIdentifier(raw);
    expect(identifier).toBe(expected);
    expect(identifier).toHaveLength(PORT_MAX);
    expect(identifier).toMatch(PORT_PATTERN);
    expect(toIdentifier(raw)).toBe(identifier);
  });

  it('never cuts a letter outside the Basic Multilingual Plane in half', () => {
    const identifier = toIdentifier(`${'a'.repeat(982)}${'𝐀'.repeat(20)}`);
    expect(identifier).toBe(`${'a'.repeat(982)}-${identifier.slice(-16)}`);
    expect(identifier).toMatch(PORT_PATTERN);
    expect(identifier.length).toBeLessThanOrEqual(PORT_MAX);
  });
});

describe('canonicalName', () => {
  const team = { payments: 'payments', pay: 'payments', 'payment team': 'payments', platform: 'platform' };
  const environment = { production: 'production', prod: 'production', prd: 'production' };

  it.each([
    ['Checkout ', {}, 'checkout'],
    ['checkout', {}, 'checkout'],
    ['  CHECKOUT\t', {}, 'checkout'],
    ['PROD', environment, 'production'],
    [' prd ', environment, 'production'],
    ['Production', environment, 'production'],
    ['staging', environment, 'staging'],
    ['Pay', team, 'payments'],
    ['Payment   Team', team, 'payments'],
    ['Data  Science', team, 'data science'],
    ['toString', team, 'tostring'],
    ['', team, ''],
    ['   ', team, ''],
  ])('%j -> %j', (raw, aliases: Record<string, string>, expected) => {
    expect(canonicalName(raw, aliases)).toBe(expected);
  });
});

describe('nameToIdentifier', () => {
  it.each([
    ['checkout', 'checkout'],
    ['data science', 'data-science'],
    ['a \t b', 'a-b'],
    ['r&d', 'r=26d'],
    ['équipe', 'équipe'],
    ['', ''],
  ])('%j -> %j', (canonical, expected) => {
    expect(nameToIdentifier(canonical)).toBe(expected);
  });
});
