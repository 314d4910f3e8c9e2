import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { NO_PREVIOUS } from '../../src/domain/index.js';
import { createSources } from '../../src/sources/registry.js';
import { collectSources } from '../../src/sources/collect.js';
import { OWN, estateHandler } from './aws/estate.js';
import { STATIC_CREDENTIALS, memoryLogger, useAwsFake } from './aws/support.js';

const { fake, options } = useAwsFake();

describe('SourceDeps.aws', () => {
  it('hands every AWS-using source the same seam in one place', async () => {
    const handler = estateHandler({
      resources: { [`${OWN}:eu-west-1`]: [{ arn: `arn:aws:sqs:eu-west-1:${OWN}:a`, tags: { service: 'checkout' } }] },
    });
    fake.on((call) => {
      if (call.action === 'ListCostAllocationTags') return { json: { CostAllocationTags: [{ TagKey: 'service', Status: 'Active' }] } };
      if (call.action === 'GetCostAndUsage') return { json: { ResultsByTime: [] } };
      return handler(call);
    });
    const config = loadConfig({
      PORT_BASE_URL: 'http://127.0.0.1:5555',
      SOURCES: 'aws,cost',
      AWS_REGIONS: 'eu-west-1',
      AWS_RESOURCE_TYPES: 'sqs',
    });
    const { logger } = memoryLogger();
    const sources = createSources(config.sources, config, { logger, aws: options() });
    const runs = await collectSources(sources, {
      logger,
      now: new Date('2026-11-15T00:00:00Z'),
      signal: new AbortController().signal,
      previous: NO_PREVIOUS,
    });

    expect(runs.map((r) => [r.id, r.result.scopes.every((s) => s.complete)])).toEqual([
      ['aws', true],
      ['cost', true],
    ]);
    expect(new Set(fake.calls.map((c) => c.service))).toEqual(new Set(['sts', 'tagging', 'eks', 'ce']));
    expect(new Set(fake.calls.map((c) => c.accessKeyId))).toEqual(new Set([STATIC_CREDENTIALS.accessKeyId]));
  });
});
