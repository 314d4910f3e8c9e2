import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsClients, ownCredentials } from '../../src/aws/index.js';
import { callerIdentityReply } from '../support/aws-fake.js';
import { fastRetry, useAwsFake } from '../sources/aws/support.js';

const { fake } = useAwsFake();

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Only the SDK's standard environment says where to go, with what, and how often to try. */
function standardEnvironment(maxAttempts: string): void {
  vi.stubEnv('AWS_ENDPOINT_URL', fake.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', 'env-session');
  vi.stubEnv('AWS_MAX_ATTEMPTS', maxAttempts);
  vi.stubEnv('AWS_PROFILE', '');
}

describe('createAwsClients', () => {
  it('takes endpoint, credentials and retries from the standard AWS environment when given nothing', async () => {
    standardEnvironment('2');
    fake.on((call) =>
      call.action === 'GetCallerIdentity' ? callerIdentityReply('111122223333') : { error: 'InternalFailure', status: 500 },
    );
    const clients = createAwsClients();
    const sts = clients.sts('eu-west-1');
    const tagging = clients.client(ResourceGroupsTaggingAPIClient, 'eu-central-1', ownCredentials(sts));

    await expect(tagging.send(new GetResourcesCommand({}))).rejects.toMatchObject({ name: 'InternalFailure' });
    expect(fake.of('GetResources').map((c) => [c.region, c.accessKeyId, c.sessionToken, c.attempt, c.maxAttempts])).toEqual([
      ['eu-central-1', 'AKIDFROMENV', 'env-session', 1, 2],
      ['eu-central-1', 'AKIDFROMENV', 'env-session', 2, 2],
    ]);
    // Operations are counted once, whatever their retries.
    expect(clients.calls()).toBe(1);
    sts.destroy();
    tagging.destroy();
  });

  it('a per-service endpoint variable wins for its service only', async () => {
    standardEnvironment('1');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
    vi.stubEnv('AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API', fake.url);
    fake.on((call) => (call.action === 'GetResources' ? { json: { ResourceTagMappingList: [] } } : undefined));
    const clients = createAwsClients();
    const tagging = clients.client(ResourceGroupsTaggingAPIClient, 'eu-west-1', { accessKeyId: 'AKIDX', secretAccessKey: 's' });

    await tagging.send(new GetResourcesCommand({ ResourcesPerPage: 100 }));
    expect(fake.of('GetResources').map((c) => [c.region, c.accessKeyId])).toEqual([['eu-west-1', 'AKIDX']]);
    tagging.destroy();
  });

  it('the test seam overrides endpoint, credentials and retry strategy', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
    fake.on((call) => (call.action === 'GetResources' ? { error: 'ThrottledException', message: 'slow down' } : undefined));
    const clients = createAwsClients({
      endpoint: fake.url,
      credentials: { accessKeyId: 'AKIDSEAM', secretAccessKey: 's' },
      retryStrategy: fastRetry(),
    });
    const sts = clients.sts('eu-west-1');
    const tagging = clients.client(ResourceGroupsTaggingAPIClient, 'eu-west-1', ownCredentials(sts));

    await expect(tagging.send(new GetResourcesCommand({}))).rejects.toMatchObject({ name: 'ThrottledException' });
    expect(fake.of('GetResources').map((c) => [c.accessKeyId, c.attempt, c.maxAttempts])).toEqual([
      ['AKIDSEAM', 1, 3],
      ['AKIDSEAM', 2, 3],
      ['AKIDSEAM', 3, 3],
    ]);
    sts.destroy();
    tagging.destroy();
  });
});
