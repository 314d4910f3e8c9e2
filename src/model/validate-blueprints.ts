import type { AggregationDef, BlueprintBody, PropertyDef, RelationDef } from './blueprint-schema.js';
import { own, type BlueprintEntry, type ModelIndex } from './model-index.js';
import { problem } from './problems.js';
import type { ModelProblem } from './types.js';
import { queryProblems } from './validate-queries.js';

const SECTIONS = ['relations', 'mirrorProperties', 'calculationProperties', 'aggregationProperties'] as const;

/** Cross-references of every blueprint: what Port would refuse, or accept and then compute nothing. */
export function blueprintProblems(index: ModelIndex): ModelProblem[] {
  return [...index.blueprints.values()].flatMap((entry) => [
    ...identifierClashes(entry),
    ...propertyProblems(entry),
    ...relationProblems(index, entry),
    ...mirrorProblems(index, entry),
    ...aggregationProblems(index, entry),
    ...ownershipProblems(index, entry),
  ]);
}

/** A property, relation, mirror, calculation and aggregation share one namespace on an entity. */
function identifierClashes({ file, body }: BlueprintEntry): ModelProblem[] {
  const firstSection = new Map(Object.keys(body.schema.properties).map((id) => [id, 'schema.properties']));
  const out: ModelProblem[] = [];
  for (const section of SECTIONS) {
    for (const id of Object.keys(body[section] ?? {})) {
      const first = firstSection.get(id);
      if (first) out.push(problem(file, [section, id], `"${id}" is already defined in ${first}`));
      else firstSection.set(id, section);
    }
  }
  return out;
}

function propertyProblems({ file, body }: BlueprintEntry): ModelProblem[] {
  const out: ModelProblem[] = [];
  (body.schema.required ?? []).forEach((id, i) => {
    if (!own(body.schema.properties, id)) out.push(problem(file, ['schema', 'required', i], `"${id}" is not a property of this blueprint`));
  });
  for (const [id, def] of Object.entries(body.schema.properties)) {
    const at = ['schema', 'properties', id];
    out.push(...valueDefProblems(file, at, def));
    if (def.items && def.type !== 'array')
      out.push(problem(file, [...at, 'items'], `only array properties have items (this one is ${def.type})`));
    if (def.items) out.push(...valueDefProblems(file, [...at, 'items'], def.items));
  }
  return out;
}

/** format, enum and enumColors fit the type they describe. */
function valueDefProblems(
  file: string,
  at: PropertyKey[],
  def: Pick<PropertyDef, 'type' | 'format' | 'enum' | 'enumColors'>,
): ModelProblem[] {
  const out: ModelProblem[] = [];
  if (def.format && def.type !== 'string' && def.type !== 'array') {
    out.push(problem(file, [...at, 'format'], `format applies to string values (this one is ${def.type})`));
  }
  if (def.enum) {
    if (def.type !== 'string' && def.type !== 'number')
      out.push(problem(file, [...at, 'enum'], `an enum needs a string or number type (this one is ${def.type})`));
    def.enum.forEach((value, k) => {
      if ((def.type === 'string' || def.type === 'number') && typeof value !== def.type) {
        out.push(problem(file, [...at, 'enum', k], `${JSON.stringify(value)} is not a ${def.type}`));
      }
    });
  }
  for (const key of Object.keys(def.enumColors ?? {})) {
    if (!def.enum) out.push(problem(file, [...at, 'enumColors'], 'enumColors needs an enum'));
    else if (!def.enum.some((v) => String(v) === key))
      out.push(problem(file, [...at, 'enumColors', key], `"${key}" is not one of the enum values`));
    if (!def.enum) break;
  }
  return out;
}

function relationProblems(index: ModelIndex, { file, body }: BlueprintEntry): ModelProblem[] {
  return Object.entries(body.relations ?? {})
    .filter(([, relation]) => !index.knows(relation.target))
    .map(([id, relation]) =>
      problem(
        file,
        ['relations', id, 'target'],
        `blueprint "${relation.target}" is not in the model (blueprints/${relation.target}.json) nor a Port system blueprint`,
      ),
    );
}

/** `relation(.relation)*.field`: each hop a relation of the blueprint reached so far, the last a field of the final one. */
function mirrorProblems(index: ModelIndex, { file, body }: BlueprintEntry): ModelProblem[] {
  const out: ModelProblem[] = [];
  for (const [id, mirror] of Object.entries(body.mirrorProperties ?? {})) {
    const segments = mirror.path.split('.');
    const last = segments.pop() ?? '';
    let current: BlueprintBody | undefined = body;
    for (const hop of segments) {
      const relation: RelationDef | undefined = own(current.relations, hop);
      if (!relation) {
        out.push(problem(file, ['mirrorProperties', id, 'path'], `"${hop}" is not a relation of blueprint "${current.identifier}"`));
        current = undefined;
        break;
      }
      current = index.blueprints.get(relation.target)?.body;
      // A system blueprint's fields are Port's; nothing to check them against.
      if (!current) break;
    }
    if (current && !index.field(current, last)) {
      out.push(problem(file, ['mirrorProperties', id, 'path'], `"${last}" is not a property of blueprint "${current.identifier}"`));
    }
  }
  return out;
}

function aggregationProblems(index: ModelIndex, entry: BlueprintEntry): ModelProblem[] {
  return Object.entries(entry.body.aggregationProperties ?? {}).flatMap(([id, agg]) => aggregationOne(index, entry, id, agg));
}

function aggregationOne(index: ModelIndex, { file, body }: BlueprintEntry, id: string, agg: AggregationDef): ModelProblem[] {
  const at = ['aggregationProperties', id];
  const target = index.blueprints.get(agg.target)?.body;
  if (!target) {
    // A system blueprint, or one whose file is already reported: nothing further to check here.
    return index.knows(agg.target) ? [] : [problem(file, [...at, 'target'], `blueprint "${agg.target}" is not in the model`)];
  }
  const out: ModelProblem[] = [];
  if (agg.pathFilter?.[0]) {
    const filter = agg.pathFilter[0];
    const starts = filter.fromBlueprint ? [filter.fromBlueprint] : [agg.target, body.identifier];
    if (!starts.some((start) => followsRelations(index, start, filter.path))) {
      out.push(
        problem(
          file,
          [...at, 'pathFilter', 0, 'path'],
          `[${filter.path.join(', ')}] is not a chain of relations from ${starts.map((s) => `"${s}"`).join(' or ')}`,
        ),
      );
    }
  } else if (!index.connected(body.identifier, agg.target)) {
    // Port aggregates over related entities: with no relation path there is nothing to aggregate.
    out.push(
      problem(
        file,
        [...at, 'target'],
        `blueprint "${agg.target}" has no relation to "${body.identifier}" (directly or through other blueprints)`,
      ),
    );
  }
  const spec = agg.calculationSpec;
  if (spec.calculationBy === 'property') {
    const field = index.field(target, spec.property);
    if (!field)
      out.push(problem(file, [...at, 'calculationSpec', 'property'], `"${spec.property}" is not a property of blueprint "${agg.target}"`));
    else if (field.type !== 'number')
      out.push(
        problem(
          file,
          [...at, 'calculationSpec', 'property'],
          `"${spec.property}" of blueprint "${agg.target}" is ${field.type}; ${spec.func} needs a number property`,
        ),
      );
  }
  if (spec.func === 'average' && spec.measureTimeBy) {
    const field = index.field(target, spec.measureTimeBy);
    if (!field || field.type !== 'date-time') {
      out.push(
        problem(
          file,
          [...at, 'calculationSpec', 'measureTimeBy'],
          `"${spec.measureTimeBy}" is not a date-time property of blueprint "${agg.target}"`,
        ),
      );
    }
  }
  if (agg.query) out.push(...queryProblems(index, file, [...at, 'query'], agg.query, target));
  return out;
}

function followsRelations(index: ModelIndex, start: string, path: readonly string[]): boolean {
  let current = index.blueprints.get(start)?.body;
  for (const hop of path) {
    const relation = current ? own(current.relations, hop) : undefined;
    if (!relation) return false;
    current = index.blueprints.get(relation.target)?.body;
  }
  return true;
}

function ownershipProblems(index: ModelIndex, { file, body }: BlueprintEntry): ModelProblem[] {
  if (body.ownership?.type !== 'Inherited') return [];
  const path = body.ownership.path.split('.');
  return followsRelations(index, body.identifier, path)
    ? []
    : [problem(file, ['ownership', 'path'], `"${body.ownership.path}" is not a chain of relations from this blueprint`)];
}
