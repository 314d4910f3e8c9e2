import type { PortClient } from '../port/index.js';
import type { RemoteModel } from './plan.js';
import type { PruneRef } from './prune.js';
import type { Json, PortModel } from './types.js';

/**
 * Reads what Port has of the model in as few calls as the plan needs: one each for all blueprints,
 * all scorecards and all pages, plus what a compact page listing leaves out and the entity counts
 * of blueprints named for pruning.
 */
export async function readRemoteModel(port: PortClient, model: PortModel, prune: readonly PruneRef[] = []): Promise<RemoteModel> {
  // Three independent listings, read at once.
  const [blueprintList, scorecardList, pageList] = await Promise.all([
    port.model.listBlueprints(),
    port.model.listAllScorecards(),
    port.model.listPages(),
  ]);
  const blueprints = new Map(blueprintList.map((b) => [String(b.identifier), b] as const));

  const scorecards = new Map<string, Map<string, Json>>();
  for (const scorecard of scorecardList) {
    const blueprint = String(scorecard.blueprint);
    const cards = scorecards.get(blueprint) ?? new Map<string, Json>();
    cards.set(String(scorecard.identifier), scorecard);
    scorecards.set(blueprint, cards);
  }

  const pages = new Map(pageList.map((p) => [String(p.identifier), p] as const));
  // A compact listing may leave widgets out; read our own pages whole.
  await Promise.all(
    model.pages
      .filter((p) => pages.has(p.identifier) && !('widgets' in (pages.get(p.identifier) ?? {})))
      .map(async (p) => {
        const page = await port.model.getPage(p.identifier);
        if (page) pages.set(p.identifier, page);
      }),
  );

  const entityCounts = new Map<string, number>();
  await Promise.all(
    prune
      .filter((r) => r.kind === 'blueprint' && blueprints.has(r.identifier))
      .map(async (r) => entityCounts.set(r.identifier, await port.model.countEntities(r.identifier))),
  );
  return { blueprints, scorecards, pages, entityCounts };
}
