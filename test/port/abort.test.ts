import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode, RunAbortedError } from '../../src/errors.js';
import { createPortClient, type PortClient, type PortClientSettings, type PortEntity } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { RawServer, fakeJwt, withAuth, type Handler, type Reply, type SeenRequest } from '../support/raw-server.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function client(handler: Handler, http: PortClientSettings['http'] = {}): Promise<{ port: PortClient; server: RawServer }> {
  server = new RawServer(withAuth(handler));
  const url = await server.start();
  const port = createPortClient({
    baseUrl: url,
    clientId: 'c',
    clientSecret: 'secret-value',
    syncInstance: 'test',
    http: { sleep: async () => {}, ...http },
  });
  return { port, server };
}

/** A wait that never ends on its own, and fires `controller` as it begins: only the signal can end it. */
function abortingSleep(controller: AbortController, reason: unknown = new Error('SIGTERM')) {
  return () => {
    controller.abort(reason);
    return new Promise<void>(() => {});
  };
}

/** Holds the server's answers until the test lets them go; `arrived` resolves with each request held. */
function holdingGate() {
  const waiting: (() => void)[] = [];
  const arrivals: ((r: SeenRequest) => void)[] = [];
  const queue: SeenRequest[] = [];
  return {
    async hold(req: SeenRequest): Promise<void> {
      const next = arrivals.shift();
      if (next) next(req);
      else queue.push(req);
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    arrived(): Promise<SeenRequest> {
      const ready = queue.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => arrivals.push(resolve));
    },
    releaseAll(): void {
      for (const release of waiting.splice(0)) release();
    },
  };
}

const ids = (r: SeenRequest): string[] => {
  const body = r.body as { entities?: (string | { identifier: string })[] };
  return (body.entities ?? []).map((e) => (typeof e === 'string' ? e : e.identifier));
};
const bulkWrites = (s: RawServer) => s.apiRequests().filter((r) => r.path.endsWith('/entities/bulk'));
const bulkDeletes = (s: RawServer) => s.apiRequests().filter((r) => r.path.endsWith('/bulk/entities/delete'));

const writeOk = (r: SeenRequest): Reply => ({
  status: 200,
  body: { ok: true, entities: ids(r).map((identifier, index) => ({ identifier, index, created: true })), errors: [] },
});
const deleteOk = (r: SeenRequest): Reply => ({ status: 200, body: { ok: true, deletedEntities: ids(r) } });

const entities = (n: number): PortEntity[] =>
  Array.from({ length: n }, (_, i) => ({ identifier: `e-${String(i).padStart(3, '0')}`, properties: {} }));
const identifiers = (list: PortEntity[]) => list.map((e) => e.identifier);

describe('a request of an aborted run', () => {
  it('rejects at once when the signal fires during a backoff wait, and sends nothing more', async () => {
    const controller = new AbortController();
    const { port, server } = await client(() => ({ status: 503 }), { sleep: abortingSleep(controller) });
    const error = await port
      .withSignal(controller.signal)
      .model.listBlueprints()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunAbortedError);
    expect(error).toMatchObject({ message: 'The run was aborted: SIGTERM', exitCode: ExitCode.Partial });
    expect(server.apiRequests()).toHaveLength(1);
    expect(port.stats()).toMatchObject({ calls: 2, retries: 1, waitedMs: 0 });
  });

  it('rejects at once when the signal fires during a pacing wait', async () => {
    const controller = new AbortController();
    const { port, server } = await client(
      () => ({ status: 200, body: { ok: true, blueprints: [] }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60' } }),
      { sleep: abortingSleep(controller, 'time limit') },
    );
    const view = port.withSignal(controller.signal);
    await view.model.listBlueprints();
    await expect(view.model.listBlueprints()).rejects.toThrow('The run was aborted: time limit');
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('rejects at once when the signal fires while the token request backs off, and leaves the client usable', async () => {
    const controller = new AbortController();
    let tokenCalls = 0;
    let sleeps = 0;
    server = new RawServer((req) => {
      if (req.path !== '/v1/auth/access_token') return { status: 200, body: { ok: true, blueprints: [] } };
      return ++tokenCalls === 1 ? { status: 503 } : { status: 200, body: { ok: true, accessToken: fakeJwt(4102444800), expiresIn: 3600 } };
    });
    const url = await server.start();
    const port = createPortClient({
      baseUrl: url,
      clientId: 'c',
      clientSecret: 'secret-value',
      syncInstance: 'test',
      // the first wait (the token's backoff) is the one the signal ends; later ones pass at once
      http: { sleep: () => (++sleeps === 1 ? abortingSleep(controller)() : Promise.resolve()) },
    });
    await expect(port.withSignal(controller.signal).model.listBlueprints()).rejects.toBeInstanceOf(RunAbortedError);
    expect(tokenCalls).toBe(1);
    expect(server.apiRequests()).toHaveLength(0);
    // the client itself carries no signal: it fetches a token afresh and goes on
    await expect(port.model.listBlueprints()).resolves.toEqual([]);
    expect(tokenCalls).toBe(2);
  });

  it('starts no request still queued behind the concurrency limit, and uses the answer of the one in flight', async () => {
    const gate = holdingGate();
    const controller = new AbortController();
    const { port, server } = await client(
      async (req) => {
        await gate.hold(req);
        return { status: 200, body: { ok: true, blueprints: [{ identifier: 'service' }] } };
      },
      { concurrency: 1 },
    );
    const view = port.withSignal(controller.signal);
    const inFlight = view.model.listBlueprints();
    const queued = view.model.listScorecards('service');
    await gate.arrived();
    controller.abort();
    // rejected while the first call still holds the only slot
    await expect(queued).rejects.toBeInstanceOf(RunAbortedError);
    gate.releaseAll();
    await expect(inFlight).resolves.toEqual([{ identifier: 'service' }]);
    expect(server.apiRequests().map((r) => r.path)).toEqual(['/v1/blueprints']);
  });

  it('sends nothing once the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const { port, server } = await client(writeOk);
    const result = await port.withSignal(controller.signal).entities.update('service', entities(3));
    expect(result).toEqual({ written: [], failed: [], notSent: ['e-000', 'e-001', 'e-002'] });
    expect(server.requests).toHaveLength(0);
  });
});

describe('bulk writes of an aborted run', () => {
  it('lets the batch in flight finish, sends no further batch, and reports the rest as not sent', async () => {
    const gate = holdingGate();
    const controller = new AbortController();
    const { port, server } = await client(
      async (req) => {
        await gate.hold(req);
        return writeOk(req);
      },
      { concurrency: 1 },
    );
    const list = entities(60);
    const pending = port.withSignal(controller.signal).entities.create('service', list);
    const first = await gate.arrived();
    controller.abort(new Error('SIGTERM'));
    gate.releaseAll();
    const result = await pending;
    expect(ids(first)).toEqual(identifiers(list.slice(0, 20)));
    expect(result.written).toEqual(list.slice(0, 20).map((e) => ({ identifier: e.identifier, created: true })));
    expect(result.failed).toEqual([]);
    expect(result.notSent).toEqual(identifiers(list.slice(20)));
    expect(bulkWrites(server)).toHaveLength(1);
    expect(port.stats().writes).toBe(1);
  });

  it('keeps every batch already in flight when several are', async () => {
    const gate = holdingGate();
    const controller = new AbortController();
    const { port, server } = await client(
      async (req) => {
        await gate.hold(req);
        return writeOk(req);
      },
      { concurrency: 2 },
    );
    const list = entities(100);
    const pending = port.withSignal(controller.signal).entities.update('service', list);
    await gate.arrived();
    await gate.arrived();
    controller.abort();
    gate.releaseAll();
    const result = await pending;
    expect(bulkWrites(server).flatMap(ids)).toEqual(identifiers(list.slice(0, 40)));
    expect(result.written.map((w) => w.identifier)).toEqual(identifiers(list.slice(0, 40)));
    expect(result.notSent).toEqual(identifiers(list.slice(40)));
  });

  it('does not send the second half of a rejected batch being split', async () => {
    const gate = holdingGate();
    const controller = new AbortController();
    const { port, server } = await client(
      async (req) => {
        // the whole batch is refused without naming an entity, so the client splits it
        if (ids(req).length === 8) return { status: 422, body: { ok: false, error: 'invalid', message: 'bad property' } };
        await gate.hold(req);
        return writeOk(req);
      },
      { concurrency: 1 },
    );
    const list = entities(8);
    const pending = port.withSignal(controller.signal).entities.update('service', list);
    // its first half goes out alone (concurrency 1)
    const left = await gate.arrived();
    expect(ids(left)).toEqual(identifiers(list.slice(0, 4)));
    controller.abort();
    gate.releaseAll();
    const result = await pending;
    expect(result.written.map((w) => w.identifier)).toEqual(identifiers(list.slice(0, 4)));
    expect(result.failed).toEqual([]);
    expect(result.notSent).toEqual(identifiers(list.slice(4)));
    expect(bulkWrites(server).map((r) => ids(r).length)).toEqual([8, 4]);
  });

  it('reports a throttled batch the run stopped waiting to send again as not sent', async () => {
    const controller = new AbortController();
    const { port, server } = await client(() => ({ status: 429, headers: { 'retry-after': '5' } }), { sleep: abortingSleep(controller) });
    const result = await port.withSignal(controller.signal).entities.create('service', entities(3));
    expect(result).toEqual({ written: [], failed: [], notSent: ['e-000', 'e-001', 'e-002'] });
    expect(bulkWrites(server)).toHaveLength(1);
  });

  it('deletes the batch in flight and reports the other identifiers as not sent', async () => {
    const gate = holdingGate();
    const controller = new AbortController();
    const { port, server } = await client(
      async (req) => {
        await gate.hold(req);
        return deleteOk(req);
      },
      { concurrency: 1 },
    );
    const list = identifiers(entities(250));
    const pending = port.withSignal(controller.signal).entities.delete('service', list);
    await gate.arrived();
    controller.abort();
    gate.releaseAll();
    const result = await pending;
    expect(result.deleted).toEqual(list.slice(0, 100));
    expect(result.failed).toEqual([]);
    expect(result.notSent).toEqual(list.slice(100));
    expect(bulkDeletes(server)).toHaveLength(1);
  });

  it('reports nothing as not sent when the signal never fires', async () => {
    const { port } = await client((req) => (req.path.endsWith('/delete') ? deleteOk(req) : writeOk(req)));
    const view = port.withSignal(new AbortController().signal);
    expect((await view.entities.create('service', entities(45))).notSent).toEqual([]);
    expect((await view.entities.delete('service', identifiers(entities(150)))).notSent).toEqual([]);
  });
});

describe('paginated search of an aborted run', () => {
  it('rejects at the next page and asks for no more', async () => {
    let page = 0;
    const { port, server } = await client(() => ({
      status: 200,
      body: { ok: true, entities: [{ identifier: `p${++page}` }], next: `cursor-${page}` },
    }));
    const controller = new AbortController();
    const pages: string[][] = [];
    const reading = (async () => {
      for await (const found of port.withSignal(controller.signal).entities.searchPages('service')) {
        pages.push(found.map((e) => e.identifier));
        controller.abort('deadline');
      }
    })();
    await expect(reading).rejects.toThrow('The run was aborted: deadline');
    expect(pages).toEqual([['p1']]);
    expect(server.apiRequests()).toHaveLength(1);
  });
});

describe('views', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = createSandbox();
    await sandbox.start();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('share the token and the statistics of the client they come from', async () => {
    const port = createPortClient({
      baseUrl: sandbox.url,
      clientId: 'c',
      clientSecret: 'secret-x',
      syncInstance: 'test',
      http: { sleep: async () => {} },
    });
    const view = port.withSignal(new AbortController().signal);
    await port.model.createBlueprint({ identifier: 'team', title: 'Team', schema: { properties: {} } });
    await view.entities.create('team', [{ identifier: 'payments' }]);
    await view.withSignal(new AbortController().signal).entities.search('team');
    expect(port.stats()).toEqual(view.stats());
    expect(port.stats()).toMatchObject({ calls: 4, writes: 2, reads: 2, tokenFetches: 1 });
    expect(sandbox.stats.count({ route: 'POST /v1/auth/access_token' })).toBe(1);
  });

  it('of a view honour both signals, and the client honours neither', async () => {
    const { port, server } = await client(() => ({ status: 200, body: { ok: true, blueprints: [] } }));
    const outer = new AbortController();
    const nested = port.withSignal(outer.signal).withSignal(new AbortController().signal);
    outer.abort();
    await expect(nested.model.listBlueprints()).rejects.toBeInstanceOf(RunAbortedError);
    await expect(port.model.listBlueprints()).resolves.toEqual([]);
    expect(server.apiRequests()).toHaveLength(1);
  });
});
