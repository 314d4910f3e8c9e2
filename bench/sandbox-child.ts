import { createSandbox } from '../src/sandbox/index.js';
import { MemorySampler } from './memory.js';
import type { ChildMessage, ChildSettings, ParentMessage, SandboxMeasure } from './sandbox-protocol.js';

/**
 * The Port sandbox in its own process, so the benchmark's memory figures are the sync's alone and
 * the sandbox's request handling does not compete with the sync for one event loop.
 */
const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
// recordBodies: false — a 100k first sync would otherwise keep ~100 MB of request bodies.
const SEARCH_ROUTE = 'POST /v1/blueprints/:blueprint/entities/search';
const sandbox = createSandbox({ latencyMs: settings.latencyMs, rateLimit: settings.rateLimit, recordBodies: false });
const sampler = new MemorySampler();
let requestsBefore = 0;
let writesBefore = 0;

function send(message: ChildMessage): void {
  process.send?.(message);
}

function measure(): SandboxMeasure {
  const { requests } = sandbox.stats;
  const entities: Record<string, number> = {};
  for (const blueprint of sandbox.store.blueprints.keys()) entities[blueprint] = sandbox.store.entities(blueprint).size;
  let throttled = 0;
  let searches = 0;
  for (let i = requestsBefore; i < requests.length; i += 1) {
    if (requests[i]?.status === 429) throttled += 1;
    if (requests[i]?.route === SEARCH_ROUTE) searches += 1;
  }
  return {
    requests: requests.length - requestsBefore,
    entityWrites: sandbox.stats.writes() - writesBefore,
    searches,
    throttled,
    entities,
    memory: sampler.stop(),
  };
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'measure-start') {
    requestsBefore = sandbox.stats.requests.length;
    writesBefore = sandbox.stats.writes();
    sampler.start();
    send({ id: message.id, type: 'ack' });
  } else if (message.type === 'measure-end') {
    send({ id: message.id, type: 'measured', measure: measure() });
  } else {
    void sandbox.close().then(() => {
      send({ id: message.id, type: 'ack' });
      process.disconnect();
    });
  }
});
// An orphan sandbox would hold its port and memory: leave with the parent.
process.on('disconnect', () => void sandbox.close().finally(() => process.exit(0)));

send({ type: 'ready', url: await sandbox.start() });
