import { aggregateBlueprint } from './aggregation.js';
import type { PropertyReader } from './computed-values.js';
import { mirrorValue } from './mirror.js';
import { compileScorecard, evaluateScorecard, type CompiledScorecard, type ScorecardResult } from './scorecard-eval.js';
import type { QueryContext } from './search-query.js';
import type { MemoryStore } from './store.js';
import type { Json, StoredEntity } from './types.js';

/** What an entity read adds to the stored entity. */
export interface ComputedFields {
  /** Mirror and aggregation property values, by property identifier. */
  properties: Json;
  /** Scorecard results by scorecard identifier (only when the blueprint has scorecards). */
  scorecards?: Record<string, ScorecardResult>;
}

/**
 * What Port computes on read: scorecards, aggregation and mirror properties. Nothing is computed
 * on write: a blueprint's aggregations and compiled scorecards are built the first time a read
 * asks for them and kept until the store changes, so the write and search paths a sync uses cost
 * the same as before.
 */
export class Computed {
  private revision = -1;
  private aggregations = new Map<string, Map<string, Json>>();
  private compiled = new Map<string, CompiledScorecard[]>();
  private readonly context: QueryContext;

  constructor(private readonly store: MemoryStore) {
    this.context = {
      read: this.read,
      scorecard: (bp, e, scorecard, rule) => {
        const result = this.scorecards(bp, e)?.[scorecard];
        if (!result) return undefined;
        return rule === undefined ? result.level : result.rules.find((r) => r.identifier === rule)?.status;
      },
      now: () => store.now(),
    };
  }

  /** The context queries compile with, so they can read computed properties and scorecard levels. */
  get queryContext(): QueryContext {
    return this.context;
  }

  /** Whether entities of the blueprint carry anything computed. */
  has(blueprint: string): boolean {
    const def = this.store.blueprints.get(blueprint);
    if (!def) return false;
    return (
      Object.keys(def.mirrorProperties).length > 0 ||
      Object.keys(def.aggregationProperties).length > 0 ||
      (this.store.scorecards.get(blueprint)?.size ?? 0) > 0
    );
  }

  /** Whether `name` is a computed property of the blueprint. */
  isComputed(blueprint: string, name: string): boolean {
    const def = this.store.blueprints.get(blueprint);
    return def !== undefined && (name in def.mirrorProperties || name in def.aggregationProperties);
  }

  /** A property, plain or computed (what queries, scorecard rules and aggregations read). */
  readonly read: PropertyReader = (blueprint, entity, name) => {
    const plain = entity.properties[name];
    if (plain !== undefined) return plain;
    const def = this.store.blueprints.get(blueprint);
    if (!def) return undefined;
    const mirror = def.mirrorProperties[name];
    if (mirror) return mirrorValue(this.store, blueprint, entity, String(mirror.path));
    if (name in def.aggregationProperties) return this.aggregationsOf(blueprint).get(entity.identifier)?.[name];
    return undefined;
  };

  /** Every computed field of one entity. */
  fields(blueprint: string, entity: StoredEntity): ComputedFields {
    const def = this.store.blueprints.get(blueprint);
    const properties: Json = {};
    if (def) {
      for (const name of [...Object.keys(def.mirrorProperties), ...Object.keys(def.aggregationProperties)]) {
        const value = this.read(blueprint, entity, name);
        if (value !== undefined) properties[name] = value;
      }
    }
    const scorecards = this.scorecards(blueprint, entity);
    return scorecards ? { properties, scorecards } : { properties };
  }

  /** Scorecard results of one entity; undefined when the blueprint has no scorecard. */
  scorecards(blueprint: string, entity: StoredEntity): Record<string, ScorecardResult> | undefined {
    const compiled = this.compiledOf(blueprint);
    if (compiled.length === 0) return undefined;
    const out: Record<string, ScorecardResult> = {};
    for (const scorecard of compiled) {
      const result = evaluateScorecard(scorecard, blueprint, entity);
      if (result) out[scorecard.identifier] = result;
    }
    return out;
  }

  private fresh(): void {
    if (this.revision === this.store.revision.value) return;
    this.revision = this.store.revision.value;
    this.aggregations = new Map();
    this.compiled = new Map();
  }

  private aggregationsOf(blueprint: string): Map<string, Json> {
    this.fresh();
    let values = this.aggregations.get(blueprint);
    if (!values) {
      // Set before computing: an aggregation whose query reads another aggregation of the same blueprint sees none.
      this.aggregations.set(blueprint, new Map());
      values = aggregateBlueprint(this.store, blueprint, this.context);
      this.aggregations.set(blueprint, values);
    }
    return values;
  }

  private compiledOf(blueprint: string): CompiledScorecard[] {
    this.fresh();
    let compiled = this.compiled.get(blueprint);
    if (!compiled) {
      compiled = [...(this.store.scorecards.get(blueprint)?.values() ?? [])].map((s) => compileScorecard(s, this.context));
      this.compiled.set(blueprint, compiled);
    }
    return compiled;
  }
}
