import { PortApiError } from '../errors.js';
import type { PortClient, PortEntity } from '../port/index.js';
import { NAMED_ROLES, type SourceDeclaration } from '../catalog/index.js';
import type { CurrentEntity } from './types.js';

/**
 * The fields to read of a blueprint: everything the sources of this installation own there, what the
 * join writes on the teams, environments and services it makes, and the owner keys.
 */
export function fieldsToRead(blueprint: string, declarations: readonly SourceDeclaration[]): string[] {
  const fields = new Set(['$identifier', '$title', 'syncInstance', 'syncScope']);
  for (const { owns: all } of declarations) {
    const owns = all[blueprint];
    if (!owns) continue;
    if (owns.team) fields.add('$team');
    for (const p of owns.properties) fields.add(p);
    for (const r of owns.relations) fields.add(r);
  }
  const role = NAMED_ROLES[blueprint];
  for (const p of Object.keys(role?.undefinedValues ?? {})) fields.add(p);
  if (role?.teamFromTags) fields.add('team');
  return [...fields];
}

/**
 * Reads the entities this instance owns in each blueprint (paginated, only the compared fields).
 * A blueprint Port does not have yet (a dry run before the model was applied) owns nothing.
 */
export async function readOwned(
  port: PortClient,
  blueprints: readonly string[],
  declarations: readonly SourceDeclaration[],
  syncInstance: string,
): Promise<Map<string, Map<string, CurrentEntity>>> {
  const query = { combinator: 'and', rules: [{ property: 'syncInstance', operator: '=', value: syncInstance }] };
  const entries = await Promise.all(
    blueprints.map(async (blueprint) => {
      const owned = new Map<string, CurrentEntity>();
      try {
        for await (const page of port.entities.searchPages(blueprint, { query, include: fieldsToRead(blueprint, declarations) })) {
          for (const entity of page) owned.set(entity.identifier, toCurrent(entity));
        }
      } catch (error) {
        if (!(error instanceof PortApiError && error.status === 404)) throw error;
      }
      return [blueprint, owned] as const;
    }),
  );
  return new Map(entries);
}

function toCurrent(entity: PortEntity): CurrentEntity {
  const team = entity.team === undefined || entity.team === null ? undefined : Array.isArray(entity.team) ? entity.team : [entity.team];
  return {
    identifier: entity.identifier,
    title: entity.title,
    team,
    properties: entity.properties ?? {},
    relations: entity.relations ?? {},
  };
}
