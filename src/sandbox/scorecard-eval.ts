import { DEFAULT_LEVELS } from './scorecard-schemas.js';
import { compileConditions, type EntityPredicate, type QueryContext } from './search-query.js';
import type { Json, StoredEntity } from './types.js';

/**
 * A rule's result on an entity. Port: assumed (open question 8; scorecard-rule-status) — the
 * status literals are SUCCESS and FAILURE.
 */
export interface RuleResult {
  identifier: string;
  status: 'SUCCESS' | 'FAILURE';
  level: string;
}

export interface ScorecardResult {
  level: string;
  rules: RuleResult[];
}

/** A scorecard compiled once per store revision: its levels, filter and rules as predicates. */
export interface CompiledScorecard {
  identifier: string;
  levels: string[];
  filter?: EntityPredicate;
  rules: { identifier: string; level: string; passes: EntityPredicate }[];
}

export function compileScorecard(scorecard: Json, context: QueryContext): CompiledScorecard {
  const levels = (Array.isArray(scorecard.levels) && scorecard.levels.length > 0 ? (scorecard.levels as Json[]) : [...DEFAULT_LEVELS]).map(
    (l) => String(l.title),
  );
  const rules = (Array.isArray(scorecard.rules) ? (scorecard.rules as Json[]) : []).map((rule, i) => ({
    identifier: String(rule.identifier),
    level: String(rule.level),
    passes: compileConditions(rule.query, `rules/${i}/query`, context),
  }));
  return {
    identifier: String(scorecard.identifier),
    levels,
    ...(scorecard.filter ? { filter: compileConditions(scorecard.filter, 'filter', context) } : {}),
    rules,
  };
}

/**
 * The level an entity reaches and each rule's result, or undefined when the scorecard's filter
 * leaves the entity out.
 * Port: confirmed (DOCS concepts-and-structure.md — levels are cumulative, lowest first; the first
 * level has no rules and is where every evaluated entity starts; an entity reaches a level when it
 * passes every rule of that level and of every level below; the filter decides which entities are
 * evaluated); Port: assumed (unlisted; scorecard-filtered-absent) — an entity the filter leaves
 * out has no entry for the scorecard.
 */
export function evaluateScorecard(scorecard: CompiledScorecard, blueprint: string, entity: StoredEntity): ScorecardResult | undefined {
  if (scorecard.filter && !scorecard.filter(entity, blueprint)) return undefined;
  const rules: RuleResult[] = scorecard.rules.map((r) => ({
    identifier: r.identifier,
    status: r.passes(entity, blueprint) ? 'SUCCESS' : 'FAILURE',
    level: r.level,
  }));
  let level = scorecard.levels[0] ?? '';
  for (const candidate of scorecard.levels.slice(1)) {
    const upTo = scorecard.levels.slice(0, scorecard.levels.indexOf(candidate) + 1);
    const blocked = rules.some((r) => upTo.includes(r.level) && r.status === 'FAILURE');
    if (blocked) break;
    level = candidate;
  }
  return { level, rules };
}
