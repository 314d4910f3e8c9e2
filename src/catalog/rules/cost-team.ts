import type { DesiredEntity, JoinRule } from '../types.js';

/**
 * Cost Explorer groups spend by the service tag only, so a month's cost learns its team from the
 * service it belongs to. When that service is not in this run's catalog (its source did not run),
 * the team is neither set nor cleared: another run knows it.
 */
export const costTeamFromService: JoinRule = {
  name: 'cost-team-from-service',
  apply(catalog) {
    const services = catalog.entities.get('service');
    for (const cost of catalog.entities.get('cloudCost')?.values() ?? []) {
      const service = cost.relations.service;
      if (typeof service !== 'string') continue;
      const team = services?.get(service)?.relations.team;
      if (typeof team === 'string') {
        cost.relations.team = team;
        withTeamField(cost, true);
      } else if (!services?.has(service)) {
        withTeamField(cost, false);
      }
    }
  },
};

function withTeamField(entity: DesiredEntity, compared: boolean): void {
  const relations = new Set(entity.fields.relations);
  if (compared) relations.add('team');
  else relations.delete('team');
  entity.fields = { ...entity.fields, relations };
}
