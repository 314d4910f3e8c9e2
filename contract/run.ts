import { createCommandContext, type CommandContext } from '../src/commands/context.js';
import { loadConfig, requirePortCredentials } from '../src/config.js';
import { ConfigError, ExitCode, exitCodeOf as exitCodeOfError, PortSyncError } from '../src/errors.js';
import { exitCodeOf, INTERRUPTED_EXIT, newPrefix, runContract, type ContractSettings } from './runner.js';
import { startContractSandbox, type ContractSandbox } from './sandbox.js';
import { formatTable } from './table.js';

const USAGE = `Usage: npm run contract [-- --sandbox]

Probes every behaviour the local sandbox assumes of Port against a real org, on scratch blueprints
named pcs-contract-<random>-*, and deletes them afterwards. Reads PORT_CLIENT_ID,
PORT_CLIENT_SECRET, PORT_BASE_URL and SYNC_INSTANCE. --sandbox runs the same cases against an
in-process sandbox instead.

Exit: 0 every probed assumption held, 1 one differs (or the check fell short), 2 bad configuration,
3 Port unreachable or credentials refused, 130 interrupted.`;

function parseArgs(args: string[]): { sandbox: boolean; help: boolean } {
  const unknown = args.filter((a) => a !== '--sandbox' && a !== '--help' && a !== '-h');
  if (unknown.length > 0) throw new ConfigError([`unknown argument ${unknown.join(' ')}; usage: npm run contract [-- --sandbox]`]);
  return { sandbox: args.includes('--sandbox'), help: args.includes('--help') || args.includes('-h') };
}

function fromEnvironment(ctx: CommandContext): Pick<ContractSettings, 'baseUrl' | 'clientId' | 'clientSecret' | 'syncInstance'> {
  const config = loadConfig();
  requirePortCredentials(config);
  ctx.scrubber.add(config.port.clientSecret);
  return {
    baseUrl: config.port.baseUrl,
    clientId: config.port.clientId ?? '',
    clientSecret: config.port.clientSecret ?? '',
    syncInstance: config.syncInstance,
  };
}

/** Ctrl-C lets the current probe finish and cleanup run; a second one leaves at once. */
function interruptOnSignals(prefix: string): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.stderr.write(`Interrupted again: leaving without cleanup; delete what starts with ${prefix} by hand.\n`);
      process.exit(INTERRUPTED_EXIT);
    }
    controller.abort();
    process.stderr.write('Interrupted: finishing the current probe, then cleaning up (Ctrl-C again to leave at once).\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

async function contract(args: string[], ctx: CommandContext): Promise<number> {
  const flags = parseArgs(args);
  if (flags.help) {
    ctx.print(USAGE);
    return ExitCode.Ok;
  }
  let local: ContractSandbox | undefined;
  try {
    if (flags.sandbox) local = await startContractSandbox();
    const target = local ? local.settings : fromEnvironment(ctx);
    const prefix = newPrefix();
    process.stderr.write(`Probing ${local ? 'the in-process sandbox' : target.baseUrl}; scratch identifiers start with ${prefix}\n`);
    const signal = interruptOnSignals(prefix);
    const report = await runContract({ ...target, prefix, signal, logger: ctx.logger, onToken: (t) => ctx.scrubber.add(t) });
    ctx.print(formatTable(report, local ? 'the sandbox' : 'Port'));
    return exitCodeOf(report);
  } finally {
    await local?.sandbox.close();
  }
}

const ctx = createCommandContext('warn');
try {
  process.exitCode = await contract(process.argv.slice(2), ctx);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof PortSyncError)) ctx.logger.error({ err: error }, 'Contract check failed');
  process.stderr.write(`${ctx.scrubber.scrub(message)}\n`);
  const code = exitCodeOfError(error);
  process.exitCode = code === ExitCode.Ok ? ExitCode.Partial : code;
}
