import type { JoinOptions } from '../../src/catalog/index.js';
import type { BlueprintOwnership, EntityFragment, SourceRun } from '../../src/domain/index.js';

/** The relations of the shipped model that these tests use, plus a many-relation of their own. */
export const RELATION_TARGETS: JoinOptions['relationTargets'] = {
  team: {},
  environment: {},
  awsAccount: {},
  eksCluster: { awsAccount: 'awsAccount' },
  service: { team: 'team', gitlabProject: 'gitlabProject', dependsOn: 'service' },
  gitlabProject: { team: 'team' },
  awsResource: { service: 'service', team: 'team', environment: 'environment', awsAccount: 'awsAccount' },
  workload: { service: 'service', eksCluster: 'eksCluster', environment: 'environment' },
  cloudCost: { service: 'service', team: 'team' },
};

export const ALIASES: JoinOptions['aliases'] = {
  team: { payments: 'payments', pay: 'payments', 'payment team': 'payments', platform: 'platform' },
  environment: { production: 'production', prod: 'production', prd: 'production', staging: 'staging' },
};

export const OPTIONS: JoinOptions = { aliases: ALIASES, relationTargets: RELATION_TARGETS };

export const own = (mode: BlueprintOwnership['mode'], properties: string[], relations: string[], title = false): BlueprintOwnership => ({
  mode,
  properties,
  relations,
  title,
});

/** The join's test sources: the four the design names, whether or not this version registers them. */
type SourceId = 'gitlab' | 'aws' | 'kubernetes' | 'cost';

/** What each test source owns: close to what the real sources will declare. */
export const OWNS = {
  gitlab: {
    service: own('define', ['repoUrl', 'chartVersion'], ['team', 'gitlabProject', 'dependsOn'], true),
    gitlabProject: own('define', ['url'], ['team'], true),
  },
  aws: {
    awsResource: own('define', ['arn', 'region', 'tags'], ['service', 'team', 'environment', 'awsAccount'], true),
    awsAccount: own('define', ['accountId'], [], true),
    eksCluster: own('define', ['name'], ['awsAccount'], true),
  },
  kubernetes: {
    workload: own('define', ['replicas'], ['service', 'eksCluster', 'environment'], true),
    service: own('enrich', ['isRunning'], ['team']),
  },
  cost: {
    service: own('enrich', ['costMonthToDate', 'currency'], []),
    cloudCost: own('define', ['amount'], ['service', 'team'], true),
  },
} satisfies Record<SourceId, Record<string, BlueprintOwnership>>;

/** `scope` complete, `!scope` failed. */
function scopeResults(scopes: string[]): SourceRun['result']['scopes'] {
  return scopes.map((s) =>
    s.startsWith('!') ? { scope: s.slice(1), complete: false, error: 'AccessDenied' } : { scope: s, complete: true },
  );
}

export function run(id: SourceId, scopes: string[], fragments: EntityFragment[], owns: SourceRun['owns'] = OWNS[id]): SourceRun {
  return { id, owns, result: { fragments, scopes: scopeResults(scopes), findings: [] } };
}

/** blueprint -> identifiers, the shape most assertions need. */
export function identifiers(catalog: { entities: Map<string, Map<string, unknown>> }): Record<string, string[]> {
  return Object.fromEntries([...catalog.entities].map(([blueprint, entities]) => [blueprint, [...entities.keys()]]));
}
