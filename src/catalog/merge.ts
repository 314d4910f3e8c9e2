import type { FieldValues } from './field-values.js';
import { drive, type Steps } from '../domain/index.js';
import { describeEntity, subjectOf, type FindingLog } from './findings.js';
import { fieldLabel, type UsedFragment } from './fragments.js';
import { CATALOG_SCOPE, isNamedBlueprint } from './roles.js';
import type { FieldKey, FieldOrigin } from './types.js';
import { sameValue, showValue } from './values.js';

/** One entity while fragments are merged into it. */
export interface Draft {
  blueprint: string;
  identifier: string;
  /** The first fragment from a defining source: it makes the entity exist and gives its scope. */
  definer?: FieldOrigin;
  /** Every source and scope with a used fragment here, in runs order; the first set `values` first. */
  contributors: FieldOrigin[];
  values: FieldValues;
  /**
   * Who set a field, for the fields a later fragment set; the others came from the first. Most
   * entities have one fragment, so this stays unmade for them (a large estate saves a map each).
   */
  laterOrigins?: Map<FieldKey, FieldOrigin>;
}

/**
 * What `originOf` needs of a draft: its contributors, who set the later fields, and which fields it
 * has (the draft's own values, or once they are placed on the entity, a set of their keys).
 */
export interface DraftOrigins {
  contributors: readonly FieldOrigin[];
  laterOrigins?: ReadonlyMap<FieldKey, FieldOrigin>;
  values: { has(field: FieldKey): boolean };
}

/** The source and scope whose value of `field` the draft holds. */
export function originOf(draft: DraftOrigins, field: FieldKey): FieldOrigin | undefined {
  return draft.laterOrigins?.get(field) ?? (draft.values.has(field) ? draft.contributors[0] : undefined);
}

/** A draft some source defines: it becomes an entity. */
export type DefinedDraft = Draft & { definer: FieldOrigin };

const isDefined = (draft: Draft): draft is DefinedDraft => draft.definer !== undefined;

/** blueprint -> identifier -> draft, in the order entities were first seen. */
export type Drafts = Map<string, Map<string, Draft>>;

/** Merges fragments per blueprint and identifier; a field set twice to different values keeps the later one. */
export function mergeFragments(fragments: Iterable<UsedFragment>, findings: FindingLog): Drafts {
  return drive(mergeSteps(fragments, findings));
}

/**
 * mergeFragments, pausing after each fragment (see domain/slices.ts). `fragments` may be made as
 * they are read, so each is merged and let go before the next exists.
 */
export function* mergeSteps(fragments: Iterable<UsedFragment>, findings: FindingLog): Steps<Drafts> {
  const drafts: Drafts = new Map();
  // One origin object per source and scope, shared by every draft it contributed to.
  const origins = new Map<string, FieldOrigin>();
  for (const fragment of fragments) {
    yield;
    const key = `${fragment.source}\u0000${fragment.scope}`;
    const origin = origins.get(key) ?? { source: fragment.source, scope: fragment.scope };
    origins.set(key, origin);
    const byIdentifier = drafts.get(fragment.blueprint) ?? new Map<string, Draft>();
    drafts.set(fragment.blueprint, byIdentifier);
    const draft = byIdentifier.get(fragment.identifier);
    if (!draft) {
      // The first fragment's values become the draft's: nothing else reads the fragment afterwards.
      byIdentifier.set(fragment.identifier, {
        blueprint: fragment.blueprint,
        identifier: fragment.identifier,
        contributors: [origin],
        values: fragment.values,
        ...(fragment.mode === 'define' ? { definer: origin } : {}),
      });
      continue;
    }
    if (fragment.mode === 'define') draft.definer ??= origin;
    draft.contributors.push(origin);
    for (const [field, value] of fragment.values) setField(draft, field, value, origin, findings);
  }
  return drafts;
}

function setField(draft: Draft, field: FieldKey, value: unknown, origin: FieldOrigin, findings: FindingLog): void {
  const before = originOf(draft, field);
  if (before && !sameValue(draft.values.get(field), value)) {
    const entity = describeEntity(draft.blueprint, draft.identifier);
    const said = (o: FieldOrigin, v: unknown): string => `${showValue(v)} from ${o.source} (${o.scope})`;
    findings.add({
      source: origin.source,
      scope: origin.scope,
      subject: subjectOf(draft.blueprint, draft.identifier),
      message: `${fieldLabel(field)} of ${entity} is ${said(before, draft.values.get(field))} and ${said(origin, value)}; the later value is written`,
    });
  }
  draft.values.set(field, value);
  (draft.laterOrigins ??= new Map()).set(field, origin);
}

/**
 * Drafts no source defines are left out and reported: enrichment alone never makes an entity
 * exist, because nothing else would ever delete it. Teams, environments and services are the
 * exception: the join makes them from names (their cost, their running state), and they are deleted
 * only after a complete run of every source.
 */
export function definedDrafts(drafts: Drafts, findings: FindingLog): DefinedDraft[] {
  const defined: DefinedDraft[] = [];
  for (const byIdentifier of drafts.values()) {
    for (const draft of byIdentifier.values()) {
      if (isDefined(draft)) defined.push(draft);
      else if (isNamedBlueprint(draft.blueprint)) defined.push(Object.assign(draft, { definer: JOIN_ORIGIN }));
      else reportUndefined(draft, findings);
    }
  }
  return defined;
}

/** The origin of an entity the join made from names. */
export const JOIN_ORIGIN: FieldOrigin = { source: CATALOG_SCOPE, scope: CATALOG_SCOPE };

function reportUndefined(draft: Draft, findings: FindingLog): void {
  const sources = [...new Set(draft.contributors.map((c) => c.source))];
  const first = draft.contributors[0];
  findings.add({
    source: first?.source ?? CATALOG_SCOPE,
    scope: first?.scope,
    subject: subjectOf(draft.blueprint, draft.identifier),
    kind: 'integrity',
    message: `no source defines ${describeEntity(draft.blueprint, draft.identifier)}; ${sources.join(', ')} fields for it are not written`,
  });
}
