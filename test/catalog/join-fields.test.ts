import { describe, expect, it } from 'vitest';
import { joinCatalog, type OwnedFields } from '../../src/catalog/index.js';
import type { EntityFragment, SourceRun } from '../../src/domain/index.js';
import { OPTIONS, OWNS, run } from './support.js';

const service = (identifier: string, scope: string): EntityFragment => ({ blueprint: 'service', identifier, scope, title: identifier });
const cost = (identifier: string, scope: string): EntityFragment => ({
  blueprint: 'service',
  identifier,
  scope,
  properties: { costMonthToDate: 1, currency: 'USD' },
});
const running = (identifier: string, scope: string): EntityFragment => ({
  blueprint: 'service',
  identifier,
  scope,
  properties: { isRunning: true },
});

const GITLAB = ['repoUrl', 'chartVersion'];
const COST = ['costMonthToDate', 'currency'];
const gitlab = (scopes = ['gitlab:shop', 'gitlab:search']) =>
  run('gitlab', scopes, [service('checkout', 'gitlab:shop'), service('search', 'gitlab:search')]);

/** Owned properties per service, as plain arrays for readable tables. */
function ownedProperties(runs: SourceRun[]): Record<string, string[]> {
  const services = joinCatalog(runs, OPTIONS).entities.get('service') ?? new Map();
  return Object.fromEntries([...services].map(([identifier, entity]) => [identifier, [...entity.fields.properties]]));
}

describe('joinCatalog: the fields a run may write', () => {
  it.each([
    {
      name: 'a source whose every scope completed owns its fields on every entity, to clear what it no longer reports',
      runs: [gitlab(), run('cost', ['cost:2026-10', 'cost:2026-11'], [cost('checkout', 'cost:2026-11')])],
      expected: { checkout: [...GITLAB, ...COST], search: [...GITLAB, ...COST] },
    },
    {
      name: 'a partly failed source owns its fields only where a completed scope reported the entity',
      runs: [gitlab(), run('cost', ['cost:2026-10', '!cost:2026-11'], [cost('checkout', 'cost:2026-10')])],
      expected: { checkout: [...GITLAB, ...COST], search: GITLAB },
    },
    {
      name: 'a fragment of a failed scope gives its source no fields',
      runs: [gitlab(), run('cost', ['cost:2026-10', '!cost:2026-11'], [cost('checkout', 'cost:2026-11')])],
      expected: { checkout: GITLAB, search: GITLAB },
    },
    {
      name: 'a source that did not run owns nothing',
      runs: [gitlab()],
      expected: { checkout: GITLAB, search: GITLAB },
    },
    {
      name: 'a partly failed defining source keeps its fields on what its completed scopes defined',
      runs: [gitlab(['gitlab:shop', '!gitlab:search']), run('cost', ['cost:2026-11'], [cost('checkout', 'cost:2026-11')])],
      expected: { checkout: [...GITLAB, ...COST] },
    },
    {
      name: 'each source is judged on its own',
      runs: [gitlab(), run('kubernetes', ['k8s:prod', '!k8s:dev'], [running('search', 'k8s:prod')]), run('cost', ['cost:2026-11'], [])],
      expected: { checkout: [...GITLAB, ...COST], search: [...GITLAB, 'isRunning', ...COST] },
    },
  ])('$name', ({ runs, expected }) => {
    expect(ownedProperties(runs)).toEqual(expected);
  });

  it('leaves a field it may write without a value when no source gave one, which the plan clears', () => {
    const catalog = joinCatalog([gitlab(), run('cost', ['cost:2026-11'], [])], OPTIONS);
    const search = catalog.entities.get('service')?.get('search');
    expect(search?.properties).toEqual({});
    expect(search?.relations).toEqual({});
    expect(search?.fields).toEqual<OwnedFields>({
      title: true,
      team: false,
      properties: new Set([...GITLAB, ...COST]),
      relations: new Set(['team', 'gitlabProject', 'dependsOn']),
    });
  });

  it('includes Port team and title only for a source that declares them', () => {
    const gitlabWithoutTitle = { service: { ...OWNS.gitlab.service, title: false } };
    const kubernetesWithTeam = { service: { ...OWNS.kubernetes.service, team: true } };
    const catalog = joinCatalog(
      [
        run('gitlab', ['gitlab:shop'], [{ blueprint: 'service', identifier: 'checkout', scope: 'gitlab:shop' }], gitlabWithoutTitle),
        run('kubernetes', ['k8s:prod'], [], kubernetesWithTeam),
      ],
      OPTIONS,
    );
    const fields = catalog.entities.get('service')?.get('checkout')?.fields;
    expect([fields?.title, fields?.team]).toEqual([false, true]);
  });
});
