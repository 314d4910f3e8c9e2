import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { startHealthServer, type HealthServer } from '../../src/worker/http-server.js';
import { WorkerMetrics } from '../../src/worker/metrics.js';
import { ReadinessState } from '../../src/worker/readiness.js';
import { get } from './support.js';

describe('the health server', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start() {
    const readiness = new ReadinessState(() => new Date('2026-12-01T00:00:00Z'));
    const metrics = new WorkerMetrics(['sync']);
    server = await startHealthServer(0, { readiness, metrics, logger: silentLogger() }, '127.0.0.1');
    return { readiness, port: server.port };
  }

  it('answers /healthz while it lives; /readyz 503 with a JSON reason until Port is reached, then 200', async () => {
    const { readiness, port } = await start();
    expect(await get(port, '/healthz')).toMatchObject({ status: 200, contentType: 'application/json' });
    const before = await get(port, '/readyz');
    expect(before.status).toBe(503);
    expect(JSON.parse(before.body)).toEqual({
      status: 'not ready',
      ready: false,
      reason: 'Port has not been reached yet',
      since: '2026-12-01T00:00:00.000Z',
    });
    readiness.portReached();
    expect((await get(port, '/readyz')).status).toBe(200);
    readiness.portFailed('Port GET /v1/blueprints could not be reached (ECONNREFUSED)');
    const down = await get(port, '/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({ reason: expect.stringContaining('ECONNREFUSED') as string });
    readiness.shuttingDown();
    expect(JSON.parse((await get(port, '/readyz')).body)).toMatchObject({ ready: false, reason: 'shutting down' });
  });

  it('serves Prometheus text on /metrics and nothing else', async () => {
    const { port } = await start();
    const metrics = await get(port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.body).toContain('port_sync_runs_total{schedule="sync",outcome="success"} 0');
    expect((await get(port, '/')).status).toBe(404);
    expect((await get(port, '/metrics/x')).status).toBe(404);
  });
});
