import type { DesiredEntity, JoinRule } from '../types.js';

/**
 * Cost Explorer groups spend by the service tag only, so a month's cost learns its team from the
 * service it belongs to. When this run does not know the service's team (its tags or its defining
 * source did not run: a cost-only run), it takes the team the service has as this installation last
 * wrote it; a service never written with a team leaves the month's team neither set nor cleared.
 */
export const costTeamFromService: JoinRule = {
  name: 'cost-team-from-service',
  apply(catalog, context) {
    const services = catalog.entities.get('service');
    for (const cost of catalog.entities.get('cloudCost')?.values() ?? []) {
      const service = cost.relations.service;
      if (typeof service !== 'string') continue;
      const owner = services?.get(service);
      if (owner?.fields.relations.has('team')) {
        const team = owner.relations.team;
        cost.relations.team = typeof team === 'string' ? team : null;
        withTeamField(cost, true);
        continue;
      }
      const previous = context.previousRelations('service', service)?.team;
      if (typeof previous === 'string') {
        cost.relations.team = previous;
        withTeamField(cost, true);
      } else {
        withTeamField(cost, false);
      }
    }
  },
};

function withTeamField(entity: DesiredEntity, compared: boolean): void {
  if (entity.fields.relations.has('team') === compared) return;
  const relations = new Set(entity.fields.relations);
  if (compared) relations.add('team');
  else relations.delete('team');
  entity.fields = { ...entity.fields, relations };
}
