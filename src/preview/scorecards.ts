import { DEFAULT_LEVELS, type Json, type SandboxReader, type ScorecardResult } from '../sandbox/index.js';

export interface ScorecardSummary {
  blueprint: string;
  identifier: string;
  title: string;
  /** Levels lowest first, with their colors and how many entities reach each (exactly, not "at least"). */
  levels: { title: string; color: string; count: number }[];
  /** Entities the scorecard evaluates (its filter applied). */
  evaluated: number;
  /** Rules that fail on at least one entity, the most failing first. */
  failing: { identifier: string; title: string; level: string; count: number }[];
}

/** Per scorecard: how many entities reach each level and which rules fail most, from the entities' own scorecard results. */
export function summariseScorecards(reader: SandboxReader): ScorecardSummary[] {
  const out: ScorecardSummary[] = [];
  for (const blueprint of reader
    .blueprints()
    .map((b) => b.identifier)
    .sort()) {
    const scorecards = reader.scorecards(blueprint);
    if (scorecards.length === 0) continue;
    const entities = reader.entities(blueprint);
    for (const scorecard of [...scorecards].sort((a, b) => String(a.identifier).localeCompare(String(b.identifier)))) {
      out.push(summarise(blueprint, scorecard, entities));
    }
  }
  return out;
}

function summarise(blueprint: string, scorecard: Json, entities: Json[]): ScorecardSummary {
  const id = String(scorecard.identifier);
  const levelDefs = (Array.isArray(scorecard.levels) && scorecard.levels.length > 0 ? scorecard.levels : DEFAULT_LEVELS) as {
    title: string;
    color: string;
  }[];
  const levels = levelDefs.map((l) => ({ title: l.title, color: l.color, count: 0 }));
  const rules = (Array.isArray(scorecard.rules) ? scorecard.rules : []) as { identifier: string; title: string; level: string }[];
  const failures = new Map<string, number>();
  let evaluated = 0;
  for (const entity of entities) {
    const result = (entity.scorecards as Record<string, ScorecardResult> | undefined)?.[id];
    if (!result) continue;
    evaluated += 1;
    const level = levels.find((l) => l.title === result.level);
    if (level) level.count += 1;
    for (const rule of result.rules) if (rule.status === 'FAILURE') failures.set(rule.identifier, (failures.get(rule.identifier) ?? 0) + 1);
  }
  const failing = rules
    .filter((r) => (failures.get(r.identifier) ?? 0) > 0)
    .map((r) => ({ identifier: r.identifier, title: r.title, level: r.level, count: failures.get(r.identifier) ?? 0 }))
    .sort((a, b) => b.count - a.count || levels.findIndex((l) => l.title === a.level) - levels.findIndex((l) => l.title === b.level));
  return { blueprint, identifier: id, title: String(scorecard.title ?? id), levels, evaluated, failing };
}
