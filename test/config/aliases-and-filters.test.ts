import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL, aws, load, problemsOf, withFiles } from './support.js';

describe('TEAM_ALIASES and ENVIRONMENT_ALIASES', () => {
  it('normalise names and map each canonical name to itself', () => {
    const config = load({
      ...LOCAL,
      TEAM_ALIASES: ' Payments = PAY| Payment-Team ,, checkout',
      ENVIRONMENT_ALIASES: 'production=prod|PRD',
    });
    expect(config.aliases.team).toEqual({ payments: 'payments', pay: 'payments', 'payment-team': 'payments', checkout: 'checkout' });
    expect(config.aliases.environment).toEqual({ production: 'production', prod: 'production', prd: 'production' });
  });

  it('merge a canonical name given twice and tolerate an alias repeated for it', () => {
    expect(load({ ...LOCAL, TEAM_ALIASES: 'payments=pay,Payments=PAY|pmt' }).aliases.team).toEqual({
      payments: 'payments',
      pay: 'payments',
      pmt: 'payments',
    });
  });

  it('reject an alias claimed by two canonical names, including another canonical name', () => {
    expect(problemsOf({ ...LOCAL, TEAM_ALIASES: 'payments=pay,checkout=PAY', ENVIRONMENT_ALIASES: 'production=prod,prod=live' })).toEqual([
      'TEAM_ALIASES (environment): "pay" is an alias of both "payments" and "checkout"',
      'ENVIRONMENT_ALIASES (environment): "prod" is an alias of both "production" and "prod"',
    ]);
  });

  it('reject aliases without a canonical name', () => {
    expect(problemsOf({ ...LOCAL, TEAM_ALIASES: '=pay' })).toEqual([
      'TEAM_ALIASES (environment): an entry has aliases but no canonical name before them',
    ]);
  });

  it('read the same from a YAML mapping as from the environment form', () => {
    const dir = withFiles({ 'config.yaml': 'aliases:\n  team:\n    Payments: [pay, " Payment-Team "]\n    checkout: co|chk\n' });
    const fromFile = load({ ...LOCAL, PORT_SYNC_CONFIG: join(dir, 'config.yaml') }).aliases.team;
    expect(fromFile).toEqual(load({ ...LOCAL, TEAM_ALIASES: 'payments=pay|payment-team,checkout=co|chk' }).aliases.team);
  });

  it('reject a YAML list in place of a mapping', () => {
    const dir = withFiles({ 'config.yaml': 'aliases:\n  environment: [prod]\n' });
    expect(problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir)).toEqual([
      `${join(dir, 'config.yaml')}: aliases.environment: expected a mapping of canonical name to aliases, or "canonical=alias|alias,..."`,
    ]);
  });
});

describe('AWS_TAG_FILTERS', () => {
  it('parses keys with alternative values and bare keys', () => {
    expect(aws(load({ ...LOCAL, AWS_TAG_FILTERS: 'managed-by=infra-lib|terraform, other-key ,stage= live | |beta' })).tagFilters).toEqual([
      { key: 'managed-by', values: ['infra-lib', 'terraform'] },
      { key: 'other-key', values: [] },
      { key: 'stage', values: ['live', 'beta'] },
    ]);
  });

  it('keeps case and everything after the first "=" in a value', () => {
    expect(aws(load({ ...LOCAL, AWS_TAG_FILTERS: 'Owner=Team=A' })).tagFilters).toEqual([{ key: 'Owner', values: ['Team=A'] }]);
  });

  it('reads YAML strings, {key, values} items and a values string alike', () => {
    const dir = withFiles({
      'config.yaml': 'aws:\n  tagFilters:\n    - managed-by=infra-lib\n    - key: stage\n      values: live|beta\n',
    });
    expect(aws(load({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir)).tagFilters).toEqual([
      { key: 'managed-by', values: ['infra-lib'] },
      { key: 'stage', values: ['live', 'beta'] },
    ]);
    const asString = withFiles({ 'config.yaml': 'aws:\n  tagFilters: managed-by=infra-lib,stage\n' });
    expect(aws(load({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, asString)).tagFilters).toEqual([
      { key: 'managed-by', values: ['infra-lib'] },
      { key: 'stage', values: [] },
    ]);
  });

  it('rejects a missing key, a key given twice and a mapping in place of a list', () => {
    expect(problemsOf({ ...LOCAL, AWS_TAG_FILTERS: '=x,a=1,a=2' })).toEqual([
      'AWS_TAG_FILTERS (environment): "=x" has no tag key before "="',
      'AWS_TAG_FILTERS (environment): tag key "a" is given twice; list its values once (key=v1|v2)',
    ]);
    const dir = withFiles({ 'config.yaml': 'aws:\n  tagFilters:\n    key: a\n' });
    expect(problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir)).toEqual([
      `${join(dir, 'config.yaml')}: aws.tagFilters: expected "key=v1|v2,other-key" or a list of {key, values}`,
    ]);
  });
});
