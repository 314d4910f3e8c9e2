import { setTimeout as delay } from 'node:timers/promises';
import { at, list, seg, statusCode, type Observed, type Probe } from './probe.js';

export type Json = Record<string, unknown>;

/** Port's bulk delete takes at most 100 identifiers (PORT-API.md 2.6). */
const BULK_DELETE_MAX = 100;
/** Port deletes entities asynchronously, so a blueprint delete may briefly still see them (PORT-API.md 3.1). */
const BLUEPRINT_DELETE_ATTEMPTS = 5;
const BLUEPRINT_DELETE_WAIT_MS = 2_000;

const SCRATCH_NOTE = 'Scratch blueprint of the port-catalog-sync contract check; deleted when the check ends';

/**
 * The scratch catalog every probe writes into: identifiers all start with `pcs-contract-<random>-`,
 * so they cannot collide with real data, and teardown touches nothing else.
 */
export class Scratch {
  readonly target: string;
  readonly main: string;
  /** An entity of the target blueprint, for relations that need an existing target. */
  readonly targetEntity: string;

  constructor(
    private readonly probe: Probe,
    readonly prefix: string,
  ) {
    this.target = this.id('target');
    this.main = this.id('main');
    this.targetEntity = this.id('t0');
  }

  id(name: string): string {
    return `${this.prefix}-${name}`;
  }

  owns(identifier: unknown): identifier is string {
    return typeof identifier === 'string' && identifier.startsWith(`${this.prefix}-`);
  }

  /** Target, then main (which relates to it), then one target entity. */
  async setup(): Promise<void> {
    await this.probe.ok('POST', '/blueprints', { query: { create_catalog_page: false }, body: this.targetBody() });
    await this.blueprint('main', {
      schema: {
        properties: {
          stage: { type: 'string', enum: ['dev', 'prod'] },
          count: { type: 'number' },
          enabled: { type: 'boolean' },
          seenAt: { type: 'string', format: 'date-time' },
          tags: { type: 'array', items: { type: 'string' } },
          meta: { type: 'object' },
        },
      },
      relations: {
        single: { target: this.target, required: false, many: false },
        many: { target: this.target, required: false, many: true },
      },
    });
    await this.entity(this.target, { identifier: this.targetEntity, properties: { name: 'zero' } });
  }

  /** The target blueprint's full body; its self relation gives dependents within one blueprint. */
  targetBody(): Json {
    return this.blueprintBody('target', {
      schema: { properties: { name: { type: 'string' } } },
      relations: { peer: { target: this.target, required: false, many: false } },
    });
  }

  /** A full blueprint body for `<prefix>-<name>`. */
  blueprintBody(name: string, def: Json): Json {
    return { identifier: this.id(name), title: this.id(name), description: SCRATCH_NOTE, ...def };
  }

  /** Creates a blueprint and answers whatever Port says; without a catalog page, which would outlive it. */
  createBlueprint(name: string, def: Json): Promise<Observed> {
    return this.probe.call('POST', '/blueprints', { query: { create_catalog_page: false }, body: this.blueprintBody(name, def) });
  }

  /** A blueprint a probe builds on: it must be created. */
  async blueprint(name: string, def: Json): Promise<string> {
    const body = this.blueprintBody(name, def);
    await this.probe.ok('POST', '/blueprints', { query: { create_catalog_page: false }, body });
    return this.id(name);
  }

  /** An entity a probe builds on: a real upsert, since validation_only would store nothing. */
  async entity(blueprint: string, entity: Json): Promise<void> {
    await this.probe.ok('POST', `/blueprints/${seg(blueprint)}/entities`, { query: { upsert: true }, body: entity });
  }

  /**
   * Deletes every page, scorecard, entity and blueprint carrying the prefix, found by listing
   * rather than remembered, so whatever Port created unexpectedly goes too. Returns what is left.
   */
  async teardown(): Promise<string[]> {
    const problems: string[] = [];
    try {
      await this.deletePages(problems);
      const blueprints = await this.ownBlueprints();
      for (const bp of blueprints) {
        await this.deleteScorecards(bp.identifier, problems);
        await this.deleteEntities(bp.identifier, problems);
      }
      await this.deleteBlueprints(blueprints, problems);
      await this.checkNothingLeft(problems);
    } catch (error) {
      problems.push(`cleanup stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
    return problems;
  }

  /** Lists again, so "nothing is left" is seen rather than inferred from the deletes' answers. */
  private async checkNothingLeft(problems: string[]): Promise<void> {
    for (const bp of await this.ownBlueprints()) problems.push(`blueprint ${bp.identifier} is still there`);
    for (const id of await this.ownPages()) problems.push(`page ${id} is still there`);
  }

  private async ownPages(): Promise<string[]> {
    const pages = list(at((await this.probe.ok('GET', '/pages')).body, 'pages'));
    return pages.map((p) => at(p, 'identifier')).filter((id) => this.owns(id));
  }

  private async deletePages(problems: string[]): Promise<void> {
    for (const id of await this.ownPages()) {
      const res = await this.probe.call('DELETE', `/pages/${seg(id)}`);
      if (res.status >= 300 && res.status !== 404) problems.push(`page ${id}: ${statusCode(res)}`);
    }
  }

  private async ownBlueprints(): Promise<{ identifier: string; targets: string[] }[]> {
    const all = list(at((await this.probe.ok('GET', '/blueprints')).body, 'blueprints'));
    return all
      .filter((bp) => this.owns(at(bp, 'identifier')))
      .map((bp) => ({
        identifier: at(bp, 'identifier') as string,
        targets: Object.values((at(bp, 'relations') ?? {}) as Json).map((r) => String(at(r, 'target'))),
      }));
  }

  private async deleteScorecards(blueprint: string, problems: string[]): Promise<void> {
    const res = await this.probe.call('GET', `/blueprints/${seg(blueprint)}/scorecards`);
    for (const id of list(at(res.body, 'scorecards'))
      .map((s) => at(s, 'identifier'))
      .filter((id) => this.owns(id))) {
      const del = await this.probe.call('DELETE', `/blueprints/${seg(blueprint)}/scorecards/${seg(id)}`);
      if (del.status >= 300 && del.status !== 404) problems.push(`scorecard ${id}: ${statusCode(del)}`);
    }
  }

  private async deleteEntities(blueprint: string, problems: string[]): Promise<void> {
    const res = await this.probe.call('GET', `/blueprints/${seg(blueprint)}/entities`);
    const ids = list(at(res.body, 'entities')).map((e) => at(e, 'identifier'));
    for (const foreign of ids.filter((id) => !this.owns(id)))
      problems.push(`entity ${String(foreign)} in ${blueprint} was not made by this check; left in place`);
    const own = ids.filter((id) => this.owns(id));
    for (let i = 0; i < own.length; i += BULK_DELETE_MAX) {
      const del = await this.probe.call('POST', `/blueprints/${seg(blueprint)}/bulk/entities/delete`, {
        query: { delete_dependents: true },
        body: { entities: own.slice(i, i + BULK_DELETE_MAX) },
      });
      if (del.status >= 300) problems.push(`entities of ${blueprint}: ${statusCode(del)}`);
    }
  }

  /** Blueprints no remaining one relates to go first, so a relation never blocks a delete. */
  private async deleteBlueprints(blueprints: { identifier: string; targets: string[] }[], problems: string[]): Promise<void> {
    let remaining = [...blueprints];
    while (remaining.length > 0) {
      const free = remaining.filter((bp) => !remaining.some((other) => other !== bp && other.targets.includes(bp.identifier)));
      // A relation cycle among scratch blueprints: delete in any order and let retries sort it out.
      const next = free[0] ?? remaining[0]!;
      const res = await this.deleteBlueprint(next.identifier);
      if (res.status >= 300 && res.status !== 404) problems.push(`blueprint ${next.identifier}: ${statusCode(res)}`);
      remaining = remaining.filter((bp) => bp !== next);
    }
  }

  private async deleteBlueprint(identifier: string): Promise<Observed> {
    for (let attempt = 1; ; attempt += 1) {
      const res = await this.probe.call('DELETE', `/blueprints/${seg(identifier)}`);
      if (res.status !== 409 || attempt >= BLUEPRINT_DELETE_ATTEMPTS) return res;
      await delay(BLUEPRINT_DELETE_WAIT_MS);
    }
  }
}
