import { loadConfig } from '../config.js';
import { ConfigError, ExitCode } from '../errors.js';
import type { CommandContext } from './context.js';

/**
 * `port-sync validate`: checks the configuration (and, as the model files arrive, those too) and
 * prints every problem, one per line.
 */
export async function validateCommand(ctx: CommandContext): Promise<ExitCode> {
  try {
    const config = loadConfig(process.env);
    ctx.print(`Configuration is valid (sources: ${config.sources.join(', ') || 'none'}; Port: ${config.port.baseUrl}; instance: ${config.syncInstance})`);
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) ctx.print(problem);
    ctx.print(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found`);
    return ExitCode.BadInput;
  }
}
