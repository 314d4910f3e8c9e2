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

/** What this instance owns in Port, read per blueprint at most once, when first asked for. */
export interface OwnedReader {
  /** One blueprint's owned entities (identifier -> entity); empty for a blueprint not read. */
  get(blueprint: string): Promise<ReadonlyMap<string, CurrentEntity>>;
  /** Every blueprint of the run, read in parallel where not read yet. */
  all(): Promise<Map<string, Map<string, CurrentEntity>>>;
  /** Whether a blueprint was read whole already (a source asked for it). */
  wasRead(blueprint: string): boolean;
  /**
   * One blueprint's owned entities a page at a time, none of them kept: `visit` is awaited before
   * the next page is asked for. Nothing for a blueprint not read or that Port does not have.
   */
  pages(blueprint: string, visit: (page: CurrentEntity[]) => Promise<void>): Promise<void>;
}

/**
 * Reads the entities this instance owns in each blueprint (paginated, only the compared fields),
 * on demand: a source that asks for its previous entities gets them before it collects, and the
 * rest is read after the join, so a large catalog's current state is not held through the join
 * unless a source needs it. A blueprint Port does not have yet (a dry run before the model was
 * applied) owns nothing.
 */
export function ownedReader(
  port: PortClient,
  blueprints: readonly string[],
  declarations: readonly SourceDeclaration[],
  syncInstance: string,
  /** Settles when Port's model is in place (the model step); no read starts before. */
  modelReady: Promise<unknown> = Promise.resolve(),
): OwnedReader {
  const reads = new Map<string, Promise<Map<string, CurrentEntity>>>();
  const read = (blueprint: string): Promise<Map<string, CurrentEntity>> => {
    if (!blueprints.includes(blueprint)) return Promise.resolve(new Map());
    let pending = reads.get(blueprint);
    if (!pending) {
      pending = modelReady.then(() => readBlueprint(port, blueprint, declarations, syncInstance));
      reads.set(blueprint, pending);
    }
    return pending;
  };
  return {
    get: read,
    all: async () => new Map(await Promise.all(blueprints.map(async (bp) => [bp, await read(bp)] as const))),
    wasRead: (blueprint) => reads.has(blueprint),
    pages: async (blueprint, visit) => {
      if (!blueprints.includes(blueprint)) return;
      await modelReady;
      await readPages(port, blueprint, declarations, syncInstance, visit);
    },
  };
}

async function readBlueprint(
  port: PortClient,
  blueprint: string,
  declarations: readonly SourceDeclaration[],
  syncInstance: string,
): Promise<Map<string, CurrentEntity>> {
  const owned = new Map<string, CurrentEntity>();
  await readPages(port, blueprint, declarations, syncInstance, async (page) => {
    for (const entity of page) owned.set(entity.identifier, entity);
  });
  return owned;
}

async function readPages(
  port: PortClient,
  blueprint: string,
  declarations: readonly SourceDeclaration[],
  syncInstance: string,
  visit: (page: CurrentEntity[]) => Promise<void>,
): Promise<void> {
  const query = { combinator: 'and', rules: [{ property: 'syncInstance', operator: '=', value: syncInstance }] };
  try {
    for await (const page of port.entities.searchPages(blueprint, { query, include: fieldsToRead(blueprint, declarations) })) {
      await visit(page.map(toCurrent));
    }
  } catch (error) {
    if (!(error instanceof PortApiError && error.status === 404)) throw error;
  }
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
