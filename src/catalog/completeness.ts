import type { BlueprintOwnership, SourceRun } from '../domain/index.js';
import { NAMED_ROLES } from './roles.js';
import type { SourceDeclaration } from './types.js';

/** Blueprints no source defines: the join makes every one of them it sees, so nothing is ever missing there. */
const MADE_BY_JOIN: ReadonlySet<string> = new Set(
  Object.entries(NAMED_ROLES)
    .filter(([, role]) => !role.definable)
    .map(([bp]) => bp),
);

/**
 * source id -> the scopes it reported complete. A scope reported twice counts only if every report
 * says complete: a listing that failed once is not trusted.
 */
export function completedScopesOf(runs: readonly SourceRun[]): Map<string, Set<string>> {
  const completed = new Map<string, Set<string>>();
  for (const run of runs) {
    const failed = new Set(run.result.scopes.filter((s) => !s.complete).map((s) => s.scope));
    const done = run.result.scopes.filter((s) => s.complete && !failed.has(s.scope)).map((s) => s.scope);
    completed.set(run.id, new Set([...(completed.get(run.id) ?? []), ...done]));
  }
  return completed;
}

/** Sources that ran and whose every scope completed (a source with no scopes listed nothing, completely). */
export function completeSourcesOf(runs: readonly SourceRun[]): Set<string> {
  const failed = new Set(runs.filter((run) => run.result.scopes.some((s) => !s.complete)).map((run) => run.id));
  return new Set(runs.map((run) => run.id).filter((id) => !failed.has(id)));
}

const defines = (owns: Readonly<Record<string, BlueprintOwnership>>, blueprint: string): boolean => owns[blueprint]?.mode === 'define';

/**
 * Blueprints whose whole population this run knows: every source that defines it ran and completed.
 * Without the enabled sources only the runs are known, so a blueprint no run defines may be defined
 * by a source that did not run, and is not taken as complete.
 */
export function completeBlueprintsOf(
  blueprints: Iterable<string>,
  runs: readonly SourceRun[],
  completeSources: ReadonlySet<string>,
  enabledSources: readonly SourceDeclaration[] | undefined,
): Set<string> {
  const declared = [...(enabledSources ?? []), ...runs];
  const complete = new Set(MADE_BY_JOIN);
  for (const blueprint of blueprints) {
    if (complete.has(blueprint)) continue;
    const definers = declared.filter((source) => defines(source.owns, blueprint)).map((source) => source.id);
    if (definers.length === 0 && enabledSources === undefined) continue;
    if (definers.every((id) => completeSources.has(id))) complete.add(blueprint);
  }
  return complete;
}
