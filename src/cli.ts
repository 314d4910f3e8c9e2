#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ExitCode } from './errors.js';
import { limitHeapGrowth } from './heap.js';
import { VERSION } from './version.js';
import { createCommandContext, runCommand } from './commands/context.js';
import { demoCommand } from './commands/demo.js';
import { DEFAULT_PREVIEW_PORT, previewCommand, type PreviewOptions } from './commands/preview.js';
import { sandboxCommand } from './commands/sandbox.js';
import { validateCommand } from './commands/validate.js';
import { syncCommand, type SyncCommandOptions } from './commands/sync.js';
import { serveCommand } from './commands/serve.js';
import { DEFAULT_MODEL_DIR, modelApplyCommand, modelExportCommand, modelPlanCommand } from './commands/model.js';

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function buildProgram(): Command {
  const program = new Command()
    .name('port-sync')
    .description('Keeps a Port catalog true to the AWS, GitLab, Kubernetes and cost estate it describes.')
    .version(VERSION)
    .showHelpAfterError()
    // Usage errors are bad input: exit 2, as for bad configuration.
    .exitOverride((err: CommanderError) => {
      process.exit(err.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput);
    });

  program
    .command('validate')
    .description('check the configuration and the model files; exit 0, or 2 listing every problem')
    .option('--model-dir <dir>', 'folder holding blueprints/, scorecards/ and dashboards/', DEFAULT_MODEL_DIR)
    .action(async (opts: { modelDir: string }) => {
      const ctx = createCommandContext();
      await runCommand(ctx, () => validateCommand(ctx, opts));
    });

  const model = program.command('model').description('the portal model as code: blueprints, scorecards, dashboards');
  for (const [name, description, command] of [
    ['plan', 'show what apply would change in Port, field by field', modelPlanCommand],
    ['apply', 'apply the model files to Port: blueprints, then scorecards, then dashboards', modelApplyCommand],
  ] as const) {
    model
      .command(name)
      .description(description)
      .option('--model-dir <dir>', 'folder holding blueprints/, scorecards/ and dashboards/', DEFAULT_MODEL_DIR)
      .option(
        '--prune <ref>',
        'also delete this object from Port: blueprint:ID, scorecard:BLUEPRINT/ID or page:ID (repeatable)',
        collect,
        [],
      )
      .option('--verbose', 'list every field of new definitions too')
      .action(async (opts: { modelDir: string; prune: string[]; verbose?: boolean }) => {
        const ctx = createCommandContext();
        await runCommand(ctx, () => command(ctx, opts));
      });
  }
  model
    .command('export')
    .description("write the org's blueprints, scorecards and dashboards as model files")
    .option('--dir <dir>', 'folder to write into', 'port-export')
    .action(async (opts: { dir: string }) => {
      const ctx = createCommandContext();
      await runCommand(ctx, () => modelExportCommand(ctx, opts));
    });

  program
    .command('sync')
    .description('one full run: apply the model, discover, plan, write, report')
    .option('--dry-run', 'read Port and print what would change; write nothing')
    .option('--sources <list>', 'run only these of SOURCES, comma-separated (aws,gitlab,kubernetes,cost)')
    .option('--json', 'print the run report as JSON')
    .option('--verbose', 'with --dry-run: list every entity and field that would change')
    .option('--allow-deletes <blueprint>', 'lift the deletion guard for this blueprint for this run (repeatable)', collect, [])
    .option('--save-snapshot <file>', 'save what the sources collected to this file')
    .option('--from-snapshot <file>', 'replay a saved snapshot instead of collecting')
    .option('--model-dir <dir>', 'folder holding blueprints/, scorecards/ and dashboards/', DEFAULT_MODEL_DIR)
    .action(async (opts: SyncCommandOptions) => {
      const ctx = createCommandContext();
      await runCommand(ctx, () => syncCommand(ctx, opts));
    });

  program
    .command('preview')
    .description(
      'apply the model and the catalog to a throwaway local sandbox; print scorecard levels and dashboard values; --serve opens a local page',
    )
    .option('--from-snapshot <file>', 'preview a snapshot saved with sync --save-snapshot instead of collecting')
    .option('--serve', 'keep a local web page of the dashboards, catalog and scorecards open on 127.0.0.1')
    .option('--port <n>', 'port of the page (0: any free port)', portNumber, DEFAULT_PREVIEW_PORT)
    .option('--model-dir <dir>', 'folder holding blueprints/, scorecards/ and dashboards/', DEFAULT_MODEL_DIR)
    .action(async (opts: PreviewOptions) => {
      const ctx = createCommandContext('warn');
      await runCommand(ctx, () => previewCommand(ctx, opts));
    });

  program
    .command('serve')
    .description('the in-cluster worker: SYNC_SCHEDULE and COST_SCHEDULE runs; /healthz, /readyz and /metrics on HTTP_PORT')
    .option('--model-dir <dir>', 'folder holding blueprints/, scorecards/ and dashboards/', DEFAULT_MODEL_DIR)
    .action(async (opts: { modelDir: string }) => {
      const ctx = createCommandContext();
      await runCommand(ctx, () => serveCommand(ctx, opts));
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
    .option('--serve', 'then keep the preview page of the result open on 127.0.0.1')
    .option('--port <n>', 'port of the page (0: any free port)', portNumber, DEFAULT_PREVIEW_PORT)
    .action(async (opts: { serve?: boolean; port: number }) => {
      const ctx = createCommandContext('warn');
      await runCommand(ctx, () => demoCommand(ctx, opts));
    });

  return program;
}

// Before any work: how much garbage the heap may hold is a property of every command (src/heap.ts).
limitHeapGrowth();
await buildProgram().parseAsync(process.argv);
