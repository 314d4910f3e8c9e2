import { ModelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PortClient } from '../port/index.js';
import { applyModelPlan } from './apply.js';
import { planModel } from './plan.js';
import { readRemoteModel } from './remote.js';
import type { PortModel } from './types.js';

/** What applying the model did, as a run reports it. */
export interface ModelStepSummary {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failed: number;
}

/**
 * The first step of every sync: the model files applied (a dry run only plans them), so every
 * blueprint the run writes exists and drift made by hand in Port is corrected. A no-drift apply
 * costs reads only. A change Port cannot make stops the run before anything is written.
 */
export async function applyModelStep(port: PortClient, model: PortModel, dryRun: boolean, log: Logger): Promise<ModelStepSummary> {
  const plan = planModel(model, await readRemoteModel(port, model));
  const refused = plan.items.filter((i) => i.action === 'refused');
  if (refused.length > 0) throw new ModelError(refused.flatMap((i) => i.reasons.map((r) => `${i.file ?? i.identifier}: ${r}`)));
  const count = (action: string) => plan.items.filter((i) => i.action === action).length;
  if (dryRun) return { created: count('create'), updated: count('update'), deleted: 0, unchanged: count('unchanged'), failed: 0 };
  const applied = await applyModelPlan(plan, port, log);
  const summary = {
    created: applied.created,
    updated: applied.updated,
    deleted: applied.deleted,
    unchanged: applied.unchanged,
    failed: applied.failures.length,
  };
  log.info(summary, 'Model applied');
  return summary;
}
