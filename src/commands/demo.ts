import { ExitCode } from '../errors.js';
import { createPortClient, type PortClient, type PortEntity } from '../port/index.js';
import { createSandbox, type Sandbox } from '../sandbox/index.js';
import type { CommandContext } from './context.js';

const DEMO_INSTANCE = 'demo';

const TEAMS = ['payments', 'checkout', 'platform'];

const BLUEPRINTS = [
  {
    identifier: 'team',
    title: 'Team',
    icon: 'Team',
    schema: { properties: { syncInstance: { type: 'string', title: 'Sync instance' } } },
  },
  {
    identifier: 'service',
    title: 'Service',
    icon: 'Microservice',
    schema: {
      properties: {
        syncInstance: { type: 'string', title: 'Sync instance' },
        chartVersion: { type: 'string', title: 'Chart version' },
        chartLag: { type: 'string', title: 'Chart lag', enum: ['current', 'patch', 'minor', 'major', 'unknown'] },
      },
    },
    relations: { team: { target: 'team', title: 'Team', required: false, many: false } },
  },
];

function sampleServices(): PortEntity[] {
  return Array.from({ length: 45 }, (_, i) => ({
    identifier: `service-${String(i + 1).padStart(2, '0')}`,
    title: `Service ${i + 1}`,
    properties: {
      syncInstance: DEMO_INSTANCE,
      chartVersion: `4.${i % 5}.0`,
      chartLag: i % 5 === 4 ? 'current' : i % 5 === 0 ? 'major' : 'minor',
    },
    relations: { team: TEAMS[i % TEAMS.length] ?? null },
  }));
}

/**
 * `port-sync demo`: starts a throwaway sandbox and drives the Port client through what a sync
 * does, including the failures it must survive, then prints what reached the server.
 */
export async function demoCommand(ctx: CommandContext): Promise<ExitCode> {
  const sandbox = createSandbox({ logger: ctx.logger });
  await sandbox.start();
  try {
    const port = createPortClient({
      baseUrl: sandbox.url,
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      syncInstance: DEMO_INSTANCE,
      logger: ctx.logger,
    });
    await runDemo(ctx, sandbox, port);
    return ExitCode.Ok;
  } finally {
    await sandbox.close();
  }
}

async function runDemo(ctx: CommandContext, sandbox: Sandbox, port: PortClient): Promise<void> {
  ctx.print(`Local Port sandbox at ${sandbox.url}\n`);
  for (const blueprint of BLUEPRINTS) await port.model.createBlueprint(blueprint);
  ctx.print(`Blueprints created: ${BLUEPRINTS.map((b) => b.identifier).join(', ')}`);

  // Someone made one service by hand: its identifier is theirs, and the create must say so.
  sandbox.store.seedEntity('service', { identifier: 'service-07', title: 'Hand-made', properties: {}, relations: {} }, { createdBy: 'a-person' });
  // Port is briefly overloaded: the first bulk call is throttled.
  sandbox.faults.add({ route: '/v1/blueprints/service/entities/bulk', status: 429, headers: { 'retry-after': '1' } });

  const teams = await port.entities.create('team', TEAMS.map((t) => ({ identifier: t, title: t, properties: { syncInstance: DEMO_INSTANCE } })));
  const services = sampleServices();
  const bulkRoute = { route: 'POST /v1/blueprints/:blueprint/entities/bulk' };
  const callsBefore = sandbox.stats.count(bulkRoute);
  const created = await port.entities.create('service', services);
  const bulkCalls = sandbox.stats.count(bulkRoute) - callsBefore;
  const retried = port.stats().retries;
  ctx.print(`Teams created: ${teams.written.length}`);
  ctx.print(`Services created: ${created.written.length} of ${services.length} in ${bulkCalls} bulk calls of at most 20 (${retried} answered 429 and was retried after Retry-After)`);
  for (const failure of created.failed) {
    const why = failure.ownedByOtherWriter ? 'owned by another writer, left alone' : failure.message;
    ctx.print(`  not written: ${failure.identifier}: ${why}`);
  }

  const updated = await port.entities.update('service', [
    { identifier: 'service-01', properties: { chartVersion: '5.0.0', chartLag: 'current' } },
  ]);
  ctx.print(`Services updated field by field (merge): ${updated.written.length}`);

  const read = await port.entities.search('service', {
    query: { combinator: 'and', rules: [{ property: 'syncInstance', operator: '=', value: DEMO_INSTANCE }] },
    include: ['$identifier', 'chartLag'],
    limit: 20,
  });
  const lagging = read.filter((e) => e.properties?.chartLag === 'major').length;
  ctx.print(`Services read back (paginated, 20 per page): ${read.length}; behind by a major chart version: ${lagging}`);

  const removed = await port.entities.delete('service', ['service-44', 'service-45']);
  ctx.print(`Services deleted: ${removed.deleted.length}`);

  const stats = port.stats();
  ctx.print(`\nPort calls: ${stats.calls} (${stats.reads} reads, ${stats.writes} writes, ${stats.retries} retried, ${stats.tokenFetches} token)`);
  for (const [route, count] of Object.entries(sandbox.stats.countByRoute()).sort()) {
    ctx.print(`  ${String(count).padStart(4)}  ${route}`);
  }
}
