import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.js';
import { NO_PREVIOUS } from '../../../src/domain/index.js';
import { createAwsSource } from '../../../src/sources/aws/index.js';
import { collectSources } from '../../../src/sources/collect.js';
import { OWN, estateHandler } from './estate.js';
import { awsSettings, byBlueprint, collectAws, memoryLogger, useAwsFake } from './support.js';

const { fake, options } = useAwsFake();

const REGIONS = ['eu-west-1', 'eu-central-1', 'eu-north-1'];
const queue = (region: string, name: string) => ({ arn: `arn:aws:sqs:${region}:${OWN}:${name}`, tags: { team: 'payments' } });
const estate = {
  resources: Object.fromEntries(
    REGIONS.map((region) => [`${OWN}:${region}`, [queue(region, 'a'), queue(region, 'b'), queue(region, 'c')]]),
  ),
  clusters: { [`${OWN}:eu-west-1`]: ['prod'] },
};
const env = { AWS_REGIONS: REGIONS.join(','), AWS_RESOURCE_TYPES: 'sqs' };

describe('aws source against a fake AWS: an aborted run', () => {
  it('sends nothing once the run is aborted; the source fails as a whole and nothing of it completes', async () => {
    fake.on(estateHandler(estate));
    const controller = new AbortController();
    controller.abort();
    const failure = collectAws(env, options(), { signal: controller.signal });

    await expect(failure).rejects.toBeInstanceOf(SourceError);
    await expect(failure).rejects.toThrow(/STS GetCallerIdentity failed: AbortError/);
    expect(fake.calls).toEqual([]);

    // As the engine runs it: the failed source reports its own scope, incomplete.
    const { logger } = memoryLogger();
    const source = createAwsSource(awsSettings(env), { logger, aws: options() });
    const [run] = await collectSources([source], { logger, now: new Date(), signal: controller.signal, previous: NO_PREVIOUS });
    expect(run?.result.scopes).toEqual([{ scope: 'aws', complete: false, error: expect.stringContaining('AbortError') }]);
    expect(fake.calls).toEqual([]);
  });

  it('aborted while a listing is in flight: that partition and every one not yet started stay incomplete', async () => {
    const controller = new AbortController();
    const handler = estateHandler(estate);
    fake.on(async (call) => {
      // The second page of the first partition: its answer comes after the run is aborted.
      if (call.action === 'GetResources' && call.params.PaginationToken === '2') {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return handler(call);
    });
    const result = await collectAws(env, options(), { signal: controller.signal, concurrency: 1 });

    // One partition started (two pages asked, the second aborted); no call was sent after the abort.
    expect(fake.of('GetResources').map((c) => [c.region, c.params.PaginationToken])).toEqual([
      ['eu-west-1', undefined],
      ['eu-west-1', '2'],
    ]);
    expect(fake.of('ListClusters')).toEqual([]);
    expect(result.scopes).toEqual([
      { scope: `aws:${OWN}:eu-west-1`, complete: false, error: expect.stringMatching(/^AbortError/) },
      { scope: `aws:${OWN}:eu-central-1`, complete: false, error: 'aborted before its listing started' },
      { scope: `aws:${OWN}:eu-north-1`, complete: false, error: 'aborted before its listing started' },
    ]);
    expect(byBlueprint(result, 'awsResource')).toEqual([]);
    expect(byBlueprint(result, 'eksCluster')).toEqual([]);
    expect(result.stats).toMatchObject({ partitions: 3, partitionsFailed: 3, resources: 0 });
    expect(result.lines.find((l) => l.msg === 'AWS accounts and regions scanned')?.matrix).toEqual({
      [OWN]: { 'eu-west-1': 'failed', 'eu-central-1': 'failed', 'eu-north-1': 'failed' },
    });
  });

  it('aborted while assuming roles: no partition of any account is listed', async () => {
    const controller = new AbortController();
    const handler = estateHandler(estate);
    fake.on(async (call) => {
      if (call.action === 'AssumeRole') {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return handler(call);
    });
    const result = await collectAws({ ...env, AWS_ACCOUNT_ROLE_ARNS: 'arn:aws:iam::222233334444:role/reader' }, options(), {
      signal: controller.signal,
    });

    expect(fake.of('GetResources')).toEqual([]);
    expect(result.scopes).toHaveLength(6);
    expect(result.scopes.every((s) => !s.complete)).toBe(true);
    expect(result.fragments.filter((f) => f.blueprint !== 'awsAccount')).toEqual([]);
  });
});
