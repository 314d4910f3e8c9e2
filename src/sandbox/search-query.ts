import { schemaError } from './http-error.js';
import { LIST_OPERATORS, OPERATORS, VALUELESS_OPERATORS } from './query-operators.js';
import type { StoredEntity } from './types.js';

export type EntityPredicate = (entity: StoredEntity, blueprint: string) => boolean;

type Rule = Record<string, unknown>;

const isObject = (v: unknown): v is Rule => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Compiles a Port query (`{combinator, rules}`, nested at will) into a predicate, rejecting what
 * the route schema rejects. Operators Port has and the sandbox lacks (relatedTo, matchAny, date
 * presets, propertySchema) are refused by name rather than answered wrongly.
 */
export function compileQuery(query: unknown, where = 'query'): EntityPredicate {
  if (!isObject(query) || (query.combinator !== 'and' && query.combinator !== 'or') || !Array.isArray(query.rules)) {
    throw schemaError(`${where} must be {combinator: "and"|"or", rules: [...]}`);
  }
  const parts = query.rules.map((rule, i) => compileRule(rule, `${where}/rules/${i}`));
  return query.combinator === 'and' ? (e, bp) => parts.every((p) => p(e, bp)) : (e, bp) => parts.some((p) => p(e, bp));
}

function compileRule(rule: unknown, where: string): EntityPredicate {
  if (isObject(rule) && 'combinator' in rule) return compileQuery(rule, where);
  if (!isObject(rule) || typeof rule.operator !== 'string') throw schemaError(`${where} must have an operator`);
  const field =
    typeof rule.property === 'string'
      ? { kind: 'property', name: rule.property }
      : typeof rule.relation === 'string'
        ? { kind: 'relation', name: rule.relation }
        : undefined;
  const operator = OPERATORS[rule.operator];
  if (!field || !operator) {
    throw schemaError(
      `${where}: rule ${JSON.stringify(rule)} is not supported by the sandbox (property/relation rules with ${Object.keys(OPERATORS).join(', ')})`,
    );
  }
  if (!VALUELESS_OPERATORS.has(rule.operator) && !('value' in rule)) throw schemaError(`${where} must have a value`);
  if (LIST_OPERATORS.has(rule.operator) && !Array.isArray(rule.value)) throw schemaError(`${where}/value must be an array`);
  const value = rule.value;
  const read = field.kind === 'relation' ? (e: StoredEntity) => e.relations[field.name] : fieldReader(field.name);
  return (e, bp) => operator(read(e, bp), value);
}

/** Reads a property, or a `$`-meta property (PORT-API.md 2.1, plus `$datasource` as Ocean queries it). */
function fieldReader(name: string): (e: StoredEntity, blueprint: string) => unknown {
  switch (name) {
    case '$identifier':
      return (e) => e.identifier;
    case '$title':
      return (e) => e.title;
    case '$icon':
      return (e) => e.icon;
    case '$team':
      return (e) => e.team;
    case '$blueprint':
      return (_e, bp) => bp;
    case '$createdAt':
    case '$updatedAt':
    case '$createdBy':
    case '$updatedBy':
    case '$datasource': {
      const key = name.slice(1) as 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'datasource';
      return (e) => e[key];
    }
    default:
      return (e) => e.properties[name];
  }
}

/** Blueprints a query names through top-level `$blueprint` `=`/`in` rules of an `and` query. */
export function blueprintsNamed(query: unknown): string[] | undefined {
  if (!isObject(query) || query.combinator !== 'and' || !Array.isArray(query.rules)) return undefined;
  const named = query.rules.filter(isObject).filter((r) => r.property === '$blueprint' && (r.operator === '=' || r.operator === 'in'));
  if (named.length === 0) return undefined;
  return named.flatMap((r) => (Array.isArray(r.value) ? r.value : [r.value])).filter((v): v is string => typeof v === 'string');
}
