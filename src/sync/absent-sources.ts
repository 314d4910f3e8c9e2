import { isNamedBlueprint, type SourceDeclaration } from '../catalog/index.js';
import type { CurrentEntity } from './types.js';

/** Teams, environments and services still named by sources that did not run: blueprint -> identifier -> source. */
export type NamedElsewhere = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface AbsentSources {
  /** Every configured source that did not run is known by what it last wrote. */
  represented: boolean;
  named: NamedElsewhere;
}

/**
 * A configured source that did not run this run (cost between two runs of the sync schedule) still
 * names teams, environments and services through the entities it last wrote: a month of cost names
 * its service and team. When such a source defines no named blueprint itself, the relations of the
 * entities it defines, as this installation last wrote them, say everything it names; a run without
 * it may then delete what nothing names any more, and keeps what those entities name. A source that
 * defines a named blueprint (gitlab's services) cannot be known that way: without it, nothing named
 * is deleted.
 */
export async function absentSources(
  configured: readonly SourceDeclaration[],
  ran: ReadonlySet<string>,
  relationTargets: Readonly<Record<string, Readonly<Record<string, string>>>>,
  read: (blueprint: string) => Promise<ReadonlyMap<string, CurrentEntity>>,
): Promise<AbsentSources> {
  const named = new Map<string, Map<string, string>>();
  const absent = configured.filter((source) => !ran.has(source.id));
  for (const source of absent) {
    const defines = Object.entries(source.owns).filter(([, ownership]) => ownership.mode === 'define');
    if (defines.some(([blueprint]) => isNamedBlueprint(blueprint))) return { represented: false, named: new Map() };
  }
  for (const source of absent) {
    for (const [blueprint, ownership] of Object.entries(source.owns)) {
      if (ownership.mode !== 'define') continue;
      const relations = ownership.relations.flatMap((relation) => {
        const target = relationTargets[blueprint]?.[relation];
        return target !== undefined && isNamedBlueprint(target) ? [[relation, target] as const] : [];
      });
      if (relations.length === 0) continue;
      for (const entity of (await read(blueprint)).values()) {
        for (const [relation, target] of relations) {
          const value = entity.relations[relation];
          for (const identifier of Array.isArray(value) ? value : [value]) {
            if (typeof identifier !== 'string' || identifier === '') continue;
            let names = named.get(target);
            if (!names) named.set(target, (names = new Map()));
            if (!names.has(identifier)) names.set(identifier, source.id);
          }
        }
      }
    }
  }
  return { represented: true, named };
}
