import { z } from 'zod';
import { withBlueprintDefaults } from './blueprint-defaults.js';
import { EntityMap } from './entity-map.js';
import { replaceRecord } from './entity-record.js';
import { Computed } from './computed.js';
import { Revision, VersionedMap } from './revision.js';
import type { BlueprintDef, EntityInput, Json, SandboxState, SandboxStore, StoredEntity } from './types.js';

const StateFile = z.object({
  version: z.literal(1),
  blueprints: z.array(z.looseObject({ identifier: z.string() })),
  entities: z.record(z.string(), z.array(z.looseObject({ identifier: z.string() }))),
  scorecards: z.record(z.string(), z.array(z.looseObject({ identifier: z.string() }))),
  pages: z.array(z.looseObject({ identifier: z.string() })),
});

/** Writer recorded on seeded entities, so tests can tell seeds from API writes. */
export const SEED_WRITER = 'sandbox-seed';

/** The sandbox's whole catalog, in memory. */
export class MemoryStore implements SandboxStore {
  /** Bumped by every change to blueprints, scorecards and entities. */
  readonly revision = new Revision();
  readonly blueprints = new VersionedMap<string, BlueprintDef>(this.revision);
  readonly scorecards = new VersionedMap<string, Map<string, Json>>(this.revision);
  readonly pages = new Map<string, Json>();
  private readonly entityMaps = new Map<string, EntityMap>();
  /** What Port computes on read (scorecards, aggregation and mirror properties), cached per revision. */
  readonly computed: Computed;

  constructor(readonly now: () => number = Date.now) {
    this.computed = new Computed(this);
  }

  entities(blueprint: string): EntityMap {
    let map = this.entityMaps.get(blueprint);
    if (!map) {
      map = new EntityMap(this.revision);
      this.entityMaps.set(blueprint, map);
    }
    return map;
  }

  /** Scorecards of one blueprint, created empty on first use. */
  scorecardsOf(blueprint: string): Map<string, Json> {
    let map = this.scorecards.get(blueprint);
    if (!map) {
      map = new VersionedMap(this.revision);
      this.scorecards.set(blueprint, map);
    }
    return map;
  }

  /** Drops a blueprint with everything hanging off it. */
  removeBlueprint(identifier: string): void {
    this.blueprints.delete(identifier);
    this.entityMaps.delete(identifier);
    this.scorecards.delete(identifier);
    this.revision.bump();
  }

  seedBlueprint(def: Json & { identifier: string }): BlueprintDef {
    const at = new Date(this.now()).toISOString();
    const stored = withBlueprintDefaults({ createdAt: at, updatedAt: at, createdBy: SEED_WRITER, updatedBy: SEED_WRITER, ...def });
    this.blueprints.set(stored.identifier, stored);
    return stored;
  }

  seedEntity(blueprint: string, entity: EntityInput, meta: { createdBy?: string } = {}): StoredEntity {
    if (!this.blueprints.has(blueprint)) throw new Error(`seedEntity: blueprint "${blueprint}" does not exist`);
    const at = new Date(this.now()).toISOString();
    const stored = replaceRecord(entity, { at, by: meta.createdBy ?? SEED_WRITER });
    this.entities(blueprint).set(stored.identifier, stored);
    return stored;
  }

  reset(): void {
    this.blueprints.clear();
    this.scorecards.clear();
    this.pages.clear();
    this.entityMaps.clear();
    this.revision.bump();
  }

  toJSON(): SandboxState {
    const entities: Record<string, StoredEntity[]> = {};
    for (const [bp, map] of this.entityMaps) if (map.size > 0) entities[bp] = [...map.values()];
    const scorecards: Record<string, Json[]> = {};
    for (const [bp, map] of this.scorecards) if (map.size > 0) scorecards[bp] = [...map.values()];
    return { version: 1, blueprints: [...this.blueprints.values()], entities, scorecards, pages: [...this.pages.values()] };
  }

  load(state: unknown): void {
    const parsed = StateFile.safeParse(state);
    if (!parsed.success) throw new Error(`Sandbox state is not a version 1 snapshot: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    this.reset();
    for (const bp of parsed.data.blueprints) this.blueprints.set(bp.identifier, withBlueprintDefaults(bp));
    for (const [bp, list] of Object.entries(parsed.data.entities)) {
      const map = this.entities(bp);
      for (const entity of list) map.set(entity.identifier, entity as unknown as StoredEntity);
    }
    for (const [bp, list] of Object.entries(parsed.data.scorecards)) {
      const map = this.scorecardsOf(bp);
      for (const scorecard of list) map.set(scorecard.identifier, scorecard);
    }
    for (const page of parsed.data.pages) this.pages.set(page.identifier, page);
  }
}
