#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ExitCode } from './errors.js';
import { VERSION } from './version.js';
import { createCommandContext, runCommand } from './commands/context.js';
import { demoCommand } from './commands/demo.js';
import { sandboxCommand } from './commands/sandbox.js';
import { validateCommand } from './commands/validate.js';

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

export function buildProgram(): Command {
  const program = new Command()
    .name('port-sync')
    .description('Keeps a Port catalog true to the AWS, GitLab, Kubernetes and cost estate it describes.')
    .version(VERSION)
    .showHelpAfterError()
    // Usage errors are bad input: exit 2, as for bad configuration.
    .exitOverride((err: CommanderError) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        process.exit(ExitCode.Ok);
      }
      process.exit(ExitCode.BadInput);
    });

  program
    .command('validate')
    .description('check the configuration; exit 0, or 2 listing every problem')
    .action(async () => {
      const ctx = createCommandContext();
      await runCommand(ctx, () => validateCommand(ctx));
    });

  program
    .command('sandbox')
    .description('run the local Port-compatible sandbox server')
    .option('--port <n>', 'port to listen on', portNumber, 5858)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--state <file>', 'keep the sandbox state in this JSON file across restarts')
    .action(async (opts: { port: number; host: string; state?: string }) => {
      const ctx = createCommandContext();
      await runCommand(ctx, () => sandboxCommand(ctx, opts));
    });

  program
    .command('demo')
    .description('run against a throwaway local sandbox with a bundled sample; needs no credentials')
    .action(async () => {
      const ctx = createCommandContext('warn');
      await runCommand(ctx, () => demoCommand(ctx));
    });

  return program;
}

await buildProgram().parseAsync(process.argv);
