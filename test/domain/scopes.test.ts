import { describe, expect, it } from 'vitest';
import { formatScope, parseScope, type Scope } from '../../src/domain/index.js';

describe('scopes have one formatter and one parser', () => {
  it.each<[Scope, string]>([
    [{ kind: 'aws', accountId: '123456789012', region: 'eu-west-1' }, 'aws:123456789012:eu-west-1'],
    [{ kind: 'aws-organization' }, 'aws:organization'],
    [{ kind: 'gitlab', path: 'acme/payments' }, 'gitlab:acme/payments'],
    [{ kind: 'k8s', cluster: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod' }, 'k8s:arn:aws:eks:eu-west-1:123456789012:cluster/prod'],
    [{ kind: 'cost', from: '2026-10', to: '2026-11' }, 'cost:2026-10..2026-11'],
    [{ kind: 'listing', source: 'runtime', key: 'eu/prod' }, 'runtime:eu/prod'],
    [{ kind: 'source', source: 'cost' }, 'cost'],
    [{ kind: 'catalog' }, 'catalog'],
  ])('%o is %s, and back', (scope, text) => {
    expect(formatScope(scope)).toBe(text);
    expect(parseScope(text)).toEqual(scope);
  });

  it.each([
    'aws:12345:eu-west-1',
    'aws:123456789012',
    'aws:123456789012:eu-west-1:x',
    'cost:2026-13..2026-11',
    'cost:2026-10',
    'gitlab:',
    'k8s:',
    'Nope:x',
    'runtime:',
    'Bad Scope',
  ])('refuses %s', (text) => {
    expect(parseScope(text)).toBeUndefined();
  });
});
