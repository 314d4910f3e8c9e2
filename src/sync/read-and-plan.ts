import type { Catalog, DesiredEntity } from '../catalog/index.js';
import { driveInSlices, forEachInSlices, type Finding, type Slicer } from '../domain/index.js';
import type { OwnedReader } from './current.js';
import { BlueprintPlanner, planSteps, type SyncPlanOptions } from './plan.js';
import { guardRelations } from './relations.js';
import type { SyncDeps, SyncOptions } from './run.js';
import type { BlueprintSyncPlan, CurrentEntity } from './types.js';

export interface ReadAndPlanInput {
  deps: Pick<SyncDeps, 'port'>;
  options: Pick<SyncOptions, 'signal'>;
  owned: OwnedReader;
  catalog: Catalog;
  relationTargets: Readonly<Record<string, Readonly<Record<string, string>>>>;
  planOptions: SyncPlanOptions;
  slicer: Slicer;
}

/**
 * Reads what this instance owns and plans each blueprint. Blueprints a relation points at (teams,
 * services, accounts: small) are read whole, because the relation guard asks whether a target
 * exists. Every other blueprint (the large ones: resources, workloads, costs) is compared page by
 * page as it is read and only what differs is kept; its pages are planned once the relation guard
 * has settled the catalog's relations. Every blueprint is read at once, in parallel.
 */
export async function readAndPlan(input: ReadAndPlanInput): Promise<{ plans: BlueprintSyncPlan[]; relationFindings: Finding[] }> {
  const { owned, catalog, relationTargets, planOptions, slicer } = input;
  const targets = new Set(Object.values(relationTargets).flatMap((relations) => Object.values(relations)));
  const whole = planOptions.blueprints.filter((bp) => targets.has(bp) || owned.wasRead(bp));
  const desiredOf = (bp: string) => catalog.entities.get(bp) ?? new Map<string, DesiredEntity>();

  let settled!: () => void;
  const guarded = new Promise<void>((resolve) => (settled = resolve));
  const streamed = planOptions.blueprints.filter((bp) => !whole.includes(bp));
  const streamedPlans = streamed.map(async (blueprint) => {
    const planner = new BlueprintPlanner(blueprint, desiredOf(blueprint), planOptions);
    await owned.pages(blueprint, async (page) => {
      await guarded;
      await forEachInSlices(page, (entity) => planner.owned(entity), slicer);
    });
    return driveInSlices(planner.finish(), slicer);
  });
  // A failed read of a streamed blueprint is the run's error, whenever it comes.
  const streamedDone = Promise.all(streamedPlans);
  streamedDone.catch(() => undefined);

  let relationFindings: Finding[] = [];
  try {
    const current = new Map<string, ReadonlyMap<string, CurrentEntity>>(
      await Promise.all(whole.map(async (bp) => [bp, await owned.get(bp)] as const)),
    );
    if (!input.options.signal.aborted) relationFindings = await guardRelations(catalog, current, relationTargets, input.deps.port, slicer);
    const wholePlans = await Promise.all(
      whole.map((blueprint) =>
        driveInSlices(
          planSteps(blueprint, desiredOf(blueprint), current.get(blueprint) ?? new Map<string, CurrentEntity>(), planOptions),
          slicer,
        ),
      ),
    );
    settled();
    const byBlueprint = new Map([...wholePlans, ...(await streamedDone)].map((plan) => [plan.blueprint, plan]));
    return { plans: planOptions.blueprints.map((bp) => byBlueprint.get(bp)!), relationFindings };
  } finally {
    settled();
  }
}
