import { impossibleChanges, mergeBlueprint } from './blueprint-merge.js';
import { fieldChanges, type FieldChange } from './diff.js';
import { isObject, normaliseBlueprint, normalisePage, normaliseScorecard } from './normalise.js';
import type { PruneRef } from './prune.js';
import type { Json, PortModel } from './types.js';

export type ModelKind = 'blueprint' | 'scorecard' | 'page';
export type PlanAction = 'create' | 'update' | 'unchanged' | 'delete' | 'refused';

export interface PlanItem {
  kind: ModelKind;
  identifier: string;
  /** The scorecard's blueprint. */
  blueprint?: string;
  file?: string;
  action: PlanAction;
  changes: FieldChange[];
  /** Why a change or deletion is refused. */
  reasons: string[];
  /** What Port has now, normalised. */
  current?: Json;
  /** The whole definition Port should end with (for blueprints: Port's laid under ours). */
  desired?: Json;
}

/** What Port has of the model, as read before planning. */
export interface RemoteModel {
  blueprints: Map<string, Json>;
  /** blueprint -> scorecard identifier -> scorecard, for the blueprints that were read. */
  scorecards: Map<string, Map<string, Json>>;
  pages: Map<string, Json>;
  /** Entity counts of the blueprints named for pruning. */
  entityCounts: Map<string, number>;
}

export interface ModelPlan {
  items: PlanItem[];
  /** Objects in Port that no model file defines: kept, listed so `--prune` can name them. */
  notManaged: string[];
}

/** Pure: the model files against what Port has, plus the deletions `--prune` names. */
export function planModel(model: PortModel, remote: RemoteModel, prune: readonly PruneRef[] = []): ModelPlan {
  const items: PlanItem[] = [
    ...model.blueprints.map((b) => planBlueprint(b.identifier, b.file, b.body, remote.blueprints.get(b.identifier))),
    ...model.scorecards.map((s) =>
      planSimple(
        'scorecard',
        s.identifier,
        s.file,
        normaliseScorecard(s.body),
        remote.scorecards.get(s.blueprint)?.get(s.identifier),
        normaliseScorecard,
        s.blueprint,
      ),
    ),
    ...model.pages.map((p) =>
      planSimple('page', p.identifier, p.file, normalisePage(p.body), remote.pages.get(p.identifier), normalisePage),
    ),
    ...prune.map((ref) => planPrune(ref, model, remote)),
  ];
  return { items, notManaged: notManaged(model, remote, prune) };
}

function planBlueprint(identifier: string, file: string, ours: Json, remote: Json | undefined): PlanItem {
  const current = remote ? normaliseBlueprint(remote) : undefined;
  const desired = mergeBlueprint(remote, ours);
  const reasons = impossibleChanges(remote, ours);
  const changes = fieldChanges(current ?? {}, normaliseBlueprint(ours));
  const action: PlanAction = reasons.length > 0 ? 'refused' : !current ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
  return { kind: 'blueprint', identifier, file, action, changes, reasons, current, desired };
}

function planSimple(
  kind: 'scorecard' | 'page',
  identifier: string,
  file: string,
  ours: Json,
  remote: Json | undefined,
  normalise: (body: Json) => Json,
  blueprint?: string,
): PlanItem {
  const current = remote ? normalise(remote) : undefined;
  const changes = fieldChanges(current ?? {}, ours);
  const action: PlanAction = !current ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
  return { kind, identifier, blueprint, file, action, changes, reasons: [], current, desired: ours };
}

function planPrune(ref: PruneRef, model: PortModel, remote: RemoteModel): PlanItem {
  const base = {
    kind: ref.kind,
    identifier: ref.identifier,
    changes: [],
    ...(ref.kind === 'scorecard' ? { blueprint: ref.blueprint } : {}),
  };
  const refuse = (reason: string): PlanItem => ({ ...base, action: 'refused', reasons: [reason] });
  if (definedInFiles(ref, model)) return refuse('a model file defines it; remove the file before pruning it');
  const current = remoteOf(ref, remote);
  if (!current) return { ...base, action: 'unchanged', reasons: ['not in Port: nothing to prune'] };
  if (ref.kind === 'blueprint') {
    const count = remote.entityCounts.get(ref.identifier) ?? 0;
    if (count > 0) return refuse(`it has ${count} entities; a blueprint with entities is never pruned`);
    const users = [...remote.blueprints.values()].filter((b) =>
      Object.values(isObject(b.relations) ? b.relations : {}).some((r) => isObject(r) && r.target === ref.identifier),
    );
    if (users.length > 0) return refuse(`relations of ${users.map((b) => String(b.identifier)).join(', ')} point at it`);
  }
  return { ...base, action: 'delete', reasons: [], current };
}

function definedInFiles(ref: PruneRef, model: PortModel): boolean {
  if (ref.kind === 'blueprint') return model.blueprints.some((b) => b.identifier === ref.identifier);
  if (ref.kind === 'page') return model.pages.some((p) => p.identifier === ref.identifier);
  return model.scorecards.some((s) => s.blueprint === ref.blueprint && s.identifier === ref.identifier);
}

function remoteOf(ref: PruneRef, remote: RemoteModel): Json | undefined {
  if (ref.kind === 'blueprint') return remote.blueprints.get(ref.identifier);
  if (ref.kind === 'page') return remote.pages.get(ref.identifier);
  return remote.scorecards.get(ref.blueprint)?.get(ref.identifier);
}

function notManaged(model: PortModel, remote: RemoteModel, prune: readonly PruneRef[]): string[] {
  const named = new Set(
    prune.map((r) => (r.kind === 'scorecard' ? `scorecard:${r.blueprint}/${r.identifier}` : `${r.kind}:${r.identifier}`)),
  );
  const ours = {
    blueprints: new Set(model.blueprints.map((b) => b.identifier)),
    scorecards: new Set(model.scorecards.map((s) => `${s.blueprint}/${s.identifier}`)),
    pages: new Set(model.pages.map((p) => p.identifier)),
  };
  const out: string[] = [];
  // System blueprints (`_user`, `_team`, ...) belong to Port itself.
  for (const id of remote.blueprints.keys()) if (!id.startsWith('_') && !ours.blueprints.has(id)) out.push(`blueprint:${id}`);
  for (const [bp, cards] of remote.scorecards)
    for (const id of cards.keys()) if (!ours.scorecards.has(`${bp}/${id}`)) out.push(`scorecard:${bp}/${id}`);
  for (const [id, page] of remote.pages) if (page.type === 'dashboard' && !ours.pages.has(id)) out.push(`page:${id}`);
  return out.filter((label) => !named.has(label)).sort();
}
