import { loadConfig } from '../config.js';
import { ConfigError, ExitCode } from '../errors.js';
import type { CommandContext } from './context.js';
import { checkModel } from './model.js';

/** `port-sync validate`: the configuration and every model file, each problem on its own line. */
export async function validateCommand(ctx: CommandContext, options: { modelDir: string }): Promise<ExitCode> {
  const problems: string[] = [];
  let summary = '';
  try {
    const config = loadConfig(process.env);
    summary = `sources: ${config.sources.join(', ') || 'none'}; Port: ${config.port.baseUrl}; instance: ${config.syncInstance}`;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const { model, problems: modelProblems } = checkModel(options.modelDir);
  problems.push(...modelProblems);
  if (problems.length > 0) {
    for (const problem of problems) ctx.print(problem);
    ctx.print(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
    return ExitCode.BadInput;
  }
  ctx.print(`Configuration is valid (${summary})`);
  ctx.print(
    `Model is valid: ${model.blueprints.length} blueprints, ${model.scorecards.length} scorecards, ${model.pages.length} dashboards (${options.modelDir})`,
  );
  return ExitCode.Ok;
}
