import { metaValue, plainProperty, type PropertyReader } from './computed-values.js';
import { presetRange } from './date-presets.js';
import { schemaError } from './http-error.js';
import { LIST_OPERATORS, OPERATORS, VALUELESS_OPERATORS } from './query-operators.js';
import type { StoredEntity } from './types.js';

export type EntityPredicate = (entity: StoredEntity, blueprint: string) => boolean;

type Rule = Record<string, unknown>;

/** What a query may read besides an entity's own fields. */
export interface QueryContext {
  /** Properties, computed ones included; default plain properties only. */
  read?: PropertyReader;
  /** A scorecard's level, or a rule's status, for scorecard rules. */
  scorecard?: (blueprint: string, entity: StoredEntity, scorecard: string, rule?: string) => unknown;
  /** Clock for date presets. */
  now?: () => number;
}

const isObject = (v: unknown): v is Rule => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Compiles a Port query (`{combinator, rules}`, nested at will) into a predicate, rejecting what
 * the route schema rejects. Operators Port has and the sandbox lacks (relatedTo, matchAny,
 * propertySchema) are refused by name rather than answered wrongly.
 */
export function compileQuery(query: unknown, where = 'query', context: QueryContext = {}): EntityPredicate {
  return compileGroup(query, where, 'rules', context);
}

/**
 * A scorecard rule's or filter's `{combinator, conditions}`: the same conditions as search rules,
 * plus `not` on the empty operators.
 * Port: confirmed (SPEC scorecard condition forms, PORT-API.md 4.3)
 */
export function compileConditions(query: unknown, where: string, context: QueryContext = {}): EntityPredicate {
  return compileGroup(query, where, 'conditions', context);
}

function compileGroup(query: unknown, where: string, key: 'rules' | 'conditions', context: QueryContext): EntityPredicate {
  const list = isObject(query) ? query[key] : undefined;
  if (!isObject(query) || (query.combinator !== 'and' && query.combinator !== 'or') || !Array.isArray(list)) {
    throw schemaError(`${where} must be {combinator: "and"|"or", ${key}: [...]}`);
  }
  const parts = list.map((rule, i) => compileRule(rule, `${where}/${key}/${i}`, key, context));
  return query.combinator === 'and' ? (e, bp) => parts.every((p) => p(e, bp)) : (e, bp) => parts.some((p) => p(e, bp));
}

function compileRule(rule: unknown, where: string, key: 'rules' | 'conditions', context: QueryContext): EntityPredicate {
  if (isObject(rule) && 'combinator' in rule) return compileGroup(rule, where, key, context);
  if (!isObject(rule) || typeof rule.operator !== 'string') throw schemaError(`${where} must have an operator`);
  const read = fieldReader(rule, context);
  const operator = OPERATORS[rule.operator];
  if (!read || !operator) {
    throw schemaError(
      `${where}: rule ${JSON.stringify(rule)} is not supported by the sandbox (property/relation/scorecard rules with ${Object.keys(OPERATORS).join(', ')})`,
    );
  }
  if (!VALUELESS_OPERATORS.has(rule.operator) && !('value' in rule)) throw schemaError(`${where} must have a value`);
  if (LIST_OPERATORS.has(rule.operator) && !Array.isArray(rule.value)) throw schemaError(`${where}/value must be an array`);
  const value = dateRange(rule.value, where, context);
  // A date `=` with a range means "within it". Port: confirmed (SPEC date rule: between, notBetween, = with {from,to} or {preset})
  const test = rule.operator === '=' && value !== rule.value ? OPERATORS.between! : operator;
  // Port: assumed (unlisted; condition-not-negates) — `not: true` on a scorecard condition negates it.
  const negate = key === 'conditions' && rule.not === true;
  return (e, bp) => test(read(e, bp), value) !== negate;
}

/** A `{preset}` date value as the {from, to} range it stands for; other values as they are. */
function dateRange(value: unknown, where: string, context: QueryContext): unknown {
  if (!isObject(value) || typeof value.preset !== 'string') return value;
  const range = presetRange(value.preset, (context.now ?? Date.now)());
  if (!range) throw schemaError(`${where}/value/preset "${value.preset}" is not a date preset`);
  return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
}

type Reader = (e: StoredEntity, blueprint: string) => unknown;

/** What a rule compares: a property (meta, plain or computed), a relation, or a scorecard level / rule status. */
function fieldReader(rule: Rule, context: QueryContext): Reader | undefined {
  if (typeof rule.property === 'string') {
    const name = rule.property;
    const read = context.read ?? plainProperty;
    if (name.startsWith('$')) return (e, bp) => metaValue(bp, e, name)?.value;
    return (e, bp) => read(bp, e, name);
  }
  if (typeof rule.relation === 'string') {
    const name = rule.relation;
    return (e) => e.relations[name];
  }
  // Port: confirmed (DOCS structure-and-syntax.md — {scorecard, operator "=", value level} and {scorecard, scorecardRule, ...})
  if (typeof rule.scorecard === 'string' && context.scorecard) {
    const scorecard = rule.scorecard;
    const ruleId = typeof rule.scorecardRule === 'string' ? rule.scorecardRule : undefined;
    const read = context.scorecard;
    return (e, bp) => read(bp, e, scorecard, ruleId);
  }
  return undefined;
}

/** Blueprints a query names through top-level `$blueprint` `=`/`in` rules of an `and` query. */
export function blueprintsNamed(query: unknown): string[] | undefined {
  if (!isObject(query) || query.combinator !== 'and' || !Array.isArray(query.rules)) return undefined;
  const named = query.rules.filter(isObject).filter((r) => r.property === '$blueprint' && (r.operator === '=' || r.operator === 'in'));
  if (named.length === 0) return undefined;
  return named.flatMap((r) => (Array.isArray(r.value) ? r.value : [r.value])).filter((v): v is string => typeof v === 'string');
}
