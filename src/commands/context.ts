import { configuredLogLevel } from '../config.js';
import { SecretScrubber, createLogger, type Logger } from '../logger.js';
import { ExitCode, exitCodeOf, PortApiError, PortSyncError } from '../errors.js';

/** What every command gets: a logger writing JSON lines to stderr, and the scrubber behind it. */
export interface CommandContext {
  logger: Logger;
  scrubber: SecretScrubber;
  /** Human-readable output (results, plans, instructions) goes to stdout. */
  print: (text: string) => void;
}

/**
 * The logger exists before the whole configuration is parsed (so a bad configuration can be
 * reported): LOG_LEVEL is read first, through the configuration (environment over the config
 * file); an invalid one falls back here and is reported by the configuration check.
 */
export function createCommandContext(fallbackLevel = 'info'): CommandContext {
  const level = configuredLogLevel(process.env) ?? fallbackLevel;
  const scrubber = new SecretScrubber();
  // Logs go to stderr so stdout stays the command's result (`--json` can be piped).
  const logger = createLogger({ level, scrubber, destination: process.stderr });
  return { logger, scrubber, print: (text) => process.stdout.write(`${text}\n`) };
}

/**
 * Runs a command body and turns its outcome into the process exit code: the body returns the code
 * for a finished run, and an error is logged once and mapped to its code.
 */
export async function runCommand(ctx: CommandContext, body: () => Promise<ExitCode>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    const code = exitCodeOf(error);
    if (error instanceof PortSyncError) {
      // An expected failure: its message says it all, a stack trace would only bury it.
      const details = error instanceof PortApiError ? error.toJSON() : {};
      ctx.logger.error({ ...details, errorType: error.name, exitCode: code }, error.message);
      if (process.stderr.isTTY) process.stderr.write(`\n${ctx.scrubber.scrub(error.message)}\n`);
    } else {
      ctx.logger.error({ err: error }, 'Unexpected failure');
    }
    process.exitCode = code === ExitCode.Ok ? ExitCode.Partial : code;
  }
}
