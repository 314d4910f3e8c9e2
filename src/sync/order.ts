/**
 * Blueprints ordered so that relation targets come before the blueprints pointing at them (upserts
 * go in this order, deletions in reverse). A cycle is broken at the blueprint seen first; writes
 * then repeat what Port refused for a missing target once everything else is in.
 */
export function relationOrder(blueprints: readonly string[], relationTargets: Record<string, Record<string, string>>): string[] {
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (bp: string) => {
    if (state.has(bp)) return;
    state.set(bp, 'visiting');
    for (const target of Object.values(relationTargets[bp] ?? {})) {
      if (target !== bp && blueprints.includes(target) && state.get(target) !== 'visiting') visit(target);
    }
    state.set(bp, 'done');
    ordered.push(bp);
  };
  for (const bp of blueprints) visit(bp);
  return ordered;
}
