import type { BlueprintBody, PropertyDef } from './blueprint-schema.js';
import type { PageBody } from './page-schema.js';
import { problem, zodProblems } from './problems.js';
import type { ScorecardBody } from './scorecard-schema.js';
import { BlueprintBody as BlueprintSchema, PageBody as PageSchema, ScorecardBody as ScorecardSchema } from './schemas.js';
import type { ModelProblem, PortModel } from './types.js';

/** Port's own blueprints: relations and widgets may name them though no file defines them. */
export const SYSTEM_BLUEPRINTS: ReadonlySet<string> = new Set(['_user', '_team']);

/** Meta-properties every entity has (PORT-API.md 2.1), with the type a comparison sees. */
const META: Readonly<Record<string, FieldType>> = {
  $identifier: 'string',
  $title: 'string',
  $team: 'array',
  $icon: 'string',
  $blueprint: 'string',
  $datasource: 'string',
  $createdBy: 'string',
  $updatedBy: 'string',
  $createdAt: 'date-time',
  $updatedAt: 'date-time',
};

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'date-time' | 'unknown';

/** What a name on a blueprint refers to. */
export interface Field {
  kind: 'meta' | 'property' | 'mirror' | 'calculation' | 'aggregation' | 'relation';
  type: FieldType;
  /** The property definition, for enum checks. */
  def?: PropertyDef;
  /** A relation's target blueprint. */
  target?: string;
}

export interface BlueprintEntry {
  file: string;
  body: BlueprintBody;
}
export interface ScorecardEntry {
  file: string;
  blueprint: string;
  body: ScorecardBody;
}
export interface PageEntry {
  file: string;
  body: PageBody;
}

/**
 * The model with typed bodies and lookups by name. A body that does not fit its schema (a model
 * built in memory rather than loaded) is reported and left out, so cross-checks only read valid
 * definitions.
 */
export class ModelIndex {
  readonly blueprints = new Map<string, BlueprintEntry>();
  readonly scorecards: ScorecardEntry[] = [];
  readonly pages: PageEntry[] = [];
  /** Blueprints that did not load or fit their schema: references to them are not reported again. */
  private readonly unloaded = new Set<string>();

  constructor(model: PortModel, problems: ModelProblem[]) {
    for (const file of model.unloaded ?? []) {
      if (file.startsWith('blueprints/')) this.unloaded.add(file.slice('blueprints/'.length).replace(/\.json$/, ''));
    }
    // Files on disk cannot collide (file name = identifier); a model assembled in memory can.
    const firstFile = new Map<string, string>();
    const unique = (kind: string, key: string, file: string): boolean => {
      const first = firstFile.get(`${kind}:${key}`);
      if (first) problems.push(problem(file, ['identifier'], `${kind} "${key}" is also defined in ${first}`));
      else firstFile.set(`${kind}:${key}`, file);
      return !first;
    };
    for (const b of model.blueprints) {
      const parsed = BlueprintSchema.safeParse(b.body);
      if (!parsed.success) {
        problems.push(...zodProblems(b.file, parsed.error));
        this.unloaded.add(b.identifier);
      } else if (unique('blueprint', parsed.data.identifier, b.file))
        this.blueprints.set(parsed.data.identifier, { file: b.file, body: parsed.data });
    }
    for (const s of model.scorecards) {
      const parsed = ScorecardSchema.safeParse(s.body);
      if (!parsed.success) problems.push(...zodProblems(s.file, parsed.error));
      else if (unique(`scorecard of ${s.blueprint}`, parsed.data.identifier, s.file))
        this.scorecards.push({ file: s.file, blueprint: s.blueprint, body: parsed.data });
    }
    for (const p of model.pages) {
      const parsed = PageSchema.safeParse(p.body);
      if (!parsed.success) problems.push(...zodProblems(p.file, parsed.error));
      else if (unique('page', parsed.data.identifier, p.file)) this.pages.push({ file: p.file, body: parsed.data });
    }
  }

  /** Whether a blueprint exists in the model or is one of Port's system blueprints. */
  knows(blueprint: string): boolean {
    return this.blueprints.has(blueprint) || SYSTEM_BLUEPRINTS.has(blueprint) || this.unloaded.has(blueprint);
  }

  /** What `name` is on `blueprint`, or undefined if the blueprint has no such field. */
  field(blueprint: BlueprintBody, name: string): Field | undefined {
    if (Object.hasOwn(META, name)) return { kind: 'meta', type: META[name] ?? 'unknown' };
    const property = own(blueprint.schema.properties, name);
    if (property)
      return {
        kind: 'property',
        type: property.type === 'string' && property.format === 'date-time' ? 'date-time' : property.type,
        def: property,
      };
    const calculation = own(blueprint.calculationProperties, name);
    if (calculation) return { kind: 'calculation', type: calculation.type };
    if (own(blueprint.aggregationProperties, name)) return { kind: 'aggregation', type: 'number' };
    if (own(blueprint.mirrorProperties, name)) return { kind: 'mirror', type: 'unknown' };
    const relation = own(blueprint.relations, name);
    if (relation) return { kind: 'relation', type: relation.many ? 'array' : 'string', target: relation.target };
    return undefined;
  }

  /** Scorecard identifiers of a blueprint: tables may show them as columns. */
  scorecardsOf(blueprint: string): string[] {
    return this.scorecards.filter((s) => s.blueprint === blueprint).map((s) => s.body.identifier);
  }

  /** Blueprints reachable from `from` over relations in either direction (the model's relation graph). */
  connected(from: string, to: string): boolean {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length > 0) {
      const current = queue.shift() ?? '';
      if (current === to) return true;
      for (const next of this.neighbours(current)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  }

  private neighbours(id: string): string[] {
    const out = Object.values(this.blueprints.get(id)?.body.relations ?? {}).map((r) => r.target);
    for (const [other, entry] of this.blueprints) {
      if (Object.values(entry.body.relations ?? {}).some((r) => r.target === id)) out.push(other);
    }
    return out;
  }
}

/** A record's own entry: a name such as `constructor` must not find Object.prototype. */
export function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}
