import { describe, expect, it } from 'vitest';
import { relationTargetsOf } from '../../src/catalog/index.js';

describe('relationTargetsOf', () => {
  it('reads each blueprint relation target and ignores what is not a relation', () => {
    expect(
      relationTargetsOf([
        { identifier: 'team', body: { identifier: 'team', schema: { properties: {} } } },
        {
          identifier: 'workload',
          body: {
            relations: {
              service: { target: 'service', many: false },
              eksCluster: { target: 'eksCluster', required: false },
              broken: { many: true },
              odd: null,
            },
          },
        },
        { identifier: 'cloudCost', body: { relations: 'not an object' } },
      ]),
    ).toEqual({ team: {}, workload: { service: 'service', eksCluster: 'eksCluster' }, cloudCost: {} });
  });
});
