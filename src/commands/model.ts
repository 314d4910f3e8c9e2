import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { ExitCode, ModelError } from '../errors.js';
import { applyModelPlan } from '../model/apply.js';
import { exportModel } from '../model/export.js';
import { loadModel } from '../model/load.js';
import { planModel, type ModelPlan } from '../model/plan.js';
import { parsePruneRef, type PruneRef } from '../model/prune.js';
import { readRemoteModel } from '../model/remote.js';
import { renderPlan } from '../model/render.js';
import { formatProblem, type PortModel } from '../model/types.js';
import { validateModel } from '../model/validate.js';
import type { PortClient } from '../port/index.js';
import type { CommandContext } from './context.js';
import { portClientFor } from './port-client.js';

/** The model files shipped with the package: the folder above src/ (or dist/). */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface ModelOptions {
  modelDir: string;
  prune?: string[];
  verbose?: boolean;
}

/** Loads and checks the model files; every problem, or the model. */
export function checkModel(dir: string): { model: PortModel; problems: string[] } {
  const { model, problems } = loadModel(dir);
  return { model, problems: [...problems, ...validateModel(model)].map(formatProblem) };
}

/** Model files and --prune names, checked before anything talks to Port. */
function loadChecked(options: ModelOptions): { model: PortModel; prune: PruneRef[] } {
  const { model, problems } = checkModel(options.modelDir);
  const parsed = (options.prune ?? []).map(parsePruneRef);
  const all = [...problems, ...parsed.filter((p): p is string => typeof p === 'string')];
  if (all.length > 0) throw new ModelError(all);
  return { model, prune: parsed.filter((p): p is PruneRef => typeof p !== 'string') };
}

async function planAgainstPort(ctx: CommandContext, options: ModelOptions): Promise<{ plan: ModelPlan; port: PortClient }> {
  const config = loadConfig(process.env);
  const { model, prune } = loadChecked(options);
  const port = portClientFor(config, ctx);
  const plan = planModel(model, await readRemoteModel(port, model, prune), prune);
  ctx.print(renderPlan(plan, { verbose: options.verbose }));
  return { plan, port };
}

const hasRefusals = (plan: ModelPlan) => plan.items.some((i) => i.action === 'refused');

/** `port-sync model plan` */
export async function modelPlanCommand(ctx: CommandContext, options: ModelOptions): Promise<ExitCode> {
  const { plan } = await planAgainstPort(ctx, options);
  return hasRefusals(plan) ? ExitCode.BadInput : ExitCode.Ok;
}

/** `port-sync model apply` */
export async function modelApplyCommand(ctx: CommandContext, options: ModelOptions): Promise<ExitCode> {
  const { plan, port } = await planAgainstPort(ctx, options);
  if (hasRefusals(plan)) {
    ctx.print('\nNothing was applied: the plan has refused changes.');
    return ExitCode.BadInput;
  }
  const report = await applyModelPlan(plan, port, ctx.logger);
  ctx.print(
    `\nApplied: ${report.created} created, ${report.updated} updated, ${report.deleted} deleted, ${report.unchanged} unchanged; ${report.writes} Port write call${report.writes === 1 ? '' : 's'}.`,
  );
  for (const f of report.failures) ctx.print(`  failed: ${f.kind} ${f.identifier} (${f.stage}): ${f.message}`);
  ctx.logger.info({ ...report, failures: report.failures.length }, 'Model applied');
  return report.failures.length > 0 ? ExitCode.Partial : ExitCode.Ok;
}

/** `port-sync model export` */
export async function modelExportCommand(ctx: CommandContext, options: { dir: string }): Promise<ExitCode> {
  const port = portClientFor(loadConfig(process.env), ctx);
  const result = await exportModel(port, options.dir);
  ctx.print(`Exported ${result.written.length} files to ${options.dir}`);
  for (const file of result.written) ctx.print(`  ${file}`);
  for (const s of result.skipped) ctx.print(`  skipped ${s.what}: ${s.reason}`);
  return result.skipped.length > 0 ? ExitCode.Partial : ExitCode.Ok;
}
