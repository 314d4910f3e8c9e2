import type { DesiredEntity, JoinRule } from '../types.js';

/**
 * Cost Explorer groups spend by the service tag only, so a month's cost learns its team from the
 * service it belongs to. When this run does not know the service's team (its tags or its defining
 * source did not run), the month's team is neither set nor cleared: another run knows it.
 */
export const costTeamFromService: JoinRule = {
  name: 'cost-team-from-service',
  apply(catalog) {
    const services = catalog.entities.get('service');
    for (const cost of catalog.entities.get('cloudCost')?.values() ?? []) {
      const service = cost.relations.service;
      if (typeof service !== 'string') continue;
      const owner = services?.get(service);
      if (owner?.fields.relations.has('team')) {
        const team = owner.relations.team;
        cost.relations.team = typeof team === 'string' ? team : null;
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
