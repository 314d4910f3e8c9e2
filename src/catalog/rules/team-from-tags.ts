import { drive, type Steps } from '../../domain/index.js';
import { describeEntity, subjectOf } from '../findings.js';
import { CATALOG_SCOPE, NAMED_ROLES } from '../roles.js';
import type { Catalog, DesiredEntity, JoinRule, RuleContext } from '../types.js';

const TEAM = 'team';

/**
 * A service no source defines takes its team from the entities that name it: the team they are
 * tagged with, the most common one when they disagree (the disagreement is reported). It is compared
 * and written only when every source that tags entities with both ran and completed; otherwise it is
 * sent only when the service is created, so a run of some sources never blanks what others wrote.
 */
export const teamFromTags: JoinRule = {
  name: 'team-from-tags',
  apply: (catalog, context) => drive(teamFromTagsSteps(catalog, context)),
  steps: teamFromTagsSteps,
};

function* teamFromTagsSteps(catalog: Catalog, context: RuleContext): Steps<void> {
  for (const [blueprint, role] of Object.entries(NAMED_ROLES)) {
    const teamRelation = relationTo(context, blueprint, TEAM);
    if (!role.teamFromTags || teamRelation === undefined) continue;
    const tagged = yield* teamsNamedWith(catalog, context, blueprint);
    const known = tagSourcesComplete(context, blueprint);
    for (const entity of catalog.entities.get(blueprint)?.values() ?? []) {
      yield;
      if (entity.definedBy !== CATALOG_SCOPE) continue;
      const team = chosenTeam(catalog, entity, tagged.get(entity.identifier));
      if (known && context.completeBlueprints.has(blueprint)) {
        entity.relations[teamRelation] = team;
        entity.fields = { ...entity.fields, relations: new Set([...entity.fields.relations, teamRelation]) };
      } else if (team !== null) {
        entity.createOnly = { ...entity.createOnly, relations: { ...entity.createOnly?.relations, [teamRelation]: team } };
      }
    }
  }
}

/** The relation of `blueprint` whose target is `target`, if the model has one. */
function relationTo(context: RuleContext, blueprint: string, target: string): string | undefined {
  return Object.entries(context.relationTargets[blueprint] ?? {}).find(([, t]) => t === target)?.[0];
}

/** named identifier -> team identifier -> how many entities name both. */
function* teamsNamedWith(catalog: Catalog, context: RuleContext, named: string): Steps<Map<string, Map<string, number>>> {
  const counts = new Map<string, Map<string, number>>();
  for (const [blueprint, entities] of catalog.entities) {
    const nameRelation = relationTo(context, blueprint, named);
    const teamRelation = relationTo(context, blueprint, TEAM);
    if (nameRelation === undefined || teamRelation === undefined || blueprint === named) continue;
    for (const entity of entities.values()) {
      yield;
      const name = entity.relations[nameRelation];
      const team = entity.relations[teamRelation];
      if (typeof name !== 'string' || typeof team !== 'string') continue;
      const byTeam = counts.get(name) ?? new Map<string, number>();
      counts.set(name, byTeam);
      byTeam.set(team, (byTeam.get(team) ?? 0) + 1);
    }
  }
  return counts;
}

/** The most common team (ties: the first in identifier order), reporting a disagreement. */
function chosenTeam(catalog: Catalog, entity: DesiredEntity, teams: Map<string, number> | undefined): string | null {
  if (!teams || teams.size === 0) return null;
  const ranked = [...teams].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
  const [chosen] = ranked[0]!;
  if (ranked.length > 1) {
    catalog.findings.push({
      source: CATALOG_SCOPE,
      scope: CATALOG_SCOPE,
      subject: subjectOf(entity.blueprint, entity.identifier),
      kind: 'integrity',
      message:
        `the tags of entities naming ${describeEntity(entity.blueprint, entity.identifier)} name different teams ` +
        `(${ranked.map(([team, n]) => `${team}: ${n}`).join(', ')}); ${chosen} is used`,
    });
  }
  return chosen;
}

/**
 * Every source that writes a relation to `named` and to a team on the same blueprint ran and
 * completed: what the tags say is then all there is to know.
 */
function tagSourcesComplete(context: RuleContext, named: string): boolean {
  if (context.declarations === undefined) return false;
  return context.declarations.every((source) =>
    Object.entries(source.owns).every(([blueprint, owns]) => {
      const targets = owns.relations.map((r) => context.relationTargets[blueprint]?.[r]);
      const tags = targets.includes(named) && targets.includes(TEAM);
      return !tags || context.completeSources.has(source.id);
    }),
  );
}
