import { loadConfig } from '../config.js';
import { ConfigError, ExitCode, ModelError } from '../errors.js';
import { previewSummary } from '../preview/summary.js';
import { renderPreview } from '../preview/render.js';
import { startPreviewPage } from '../preview/server.js';
import { createSandbox, type Sandbox } from '../sandbox/index.js';
import { createSyncSession } from '../session.js';
import { loadSnapshot } from '../sources/snapshot.js';
import { renderReport } from '../sync/render.js';
import type { CommandContext } from './context.js';
import { checkModel } from './model.js';
import { portClientFor } from './port-client.js';

export interface PreviewOptions {
  fromSnapshot?: string;
  serve?: boolean;
  port?: number;
  modelDir: string;
}

/** Settings that point a run at Port; the preview replaces them with its own throwaway sandbox. */
const PORT_SETTINGS = [
  'PORT_BASE_URL',
  'PORT_CLIENT_ID',
  'PORT_CLIENT_ID_FILE',
  'PORT_CLIENT_SECRET',
  'PORT_CLIENT_SECRET_FILE',
  'SYNC_INSTANCE',
];

/** The environment with Port replaced by the in-process sandbox: the real org is never reached. */
export function previewEnvironment(env: NodeJS.ProcessEnv, sandboxUrl: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!PORT_SETTINGS.includes(key)) out[key] = value;
  return { ...out, PORT_BASE_URL: sandboxUrl, PORT_CLIENT_ID: 'preview', PORT_CLIENT_SECRET: 'preview', SYNC_INSTANCE: 'preview' };
}

/**
 * `port-sync preview`: the model files and the catalog (from the live sources, or a snapshot saved
 * with `sync --save-snapshot`) applied to a throwaway in-process sandbox, then every scorecard's
 * levels and every dashboard widget's value as Port computes them. Nothing is written anywhere
 * else; `--serve` keeps a local page of it open until SIGINT/SIGTERM.
 */
export async function previewCommand(ctx: CommandContext, options: PreviewOptions): Promise<ExitCode> {
  const { model, problems } = checkModel(options.modelDir);
  if (problems.length > 0) throw new ModelError(problems);
  const replay = options.fromSnapshot ? await loadSnapshot(options.fromSnapshot) : undefined;
  const sandbox = createSandbox({ logger: ctx.logger });
  const url = await sandbox.start();
  try {
    const config = loadConfig(previewEnvironment(process.env, url));
    if (!replay && config.sources.length === 0) {
      throw new ConfigError([
        'SOURCES: no source is enabled; set SOURCES or the settings of a source (see README), or preview a snapshot with --from-snapshot',
      ]);
    }
    const session = createSyncSession(config, { logger: ctx.logger, model, port: portClientFor(config, ctx) });
    const { report } = await session.run({ replay });
    ctx.print(`Preview: the model and the catalog applied to a throwaway local sandbox (nothing written anywhere else)\n`);
    ctx.print(renderReport(report));
    ctx.print(`\n${renderPreview(previewSummary(sandbox.reader))}`);
    if (options.serve) await servePreview(ctx, sandbox, options.port ?? DEFAULT_PREVIEW_PORT);
    return report.status === 'success' ? ExitCode.Ok : ExitCode.Partial;
  } finally {
    await sandbox.close();
  }
}

/** The page's default port (any free one with --port 0). */
export const DEFAULT_PREVIEW_PORT = 5859;

/** Serves the preview page of the sandbox on 127.0.0.1 until SIGINT or SIGTERM. */
export async function servePreview(ctx: CommandContext, sandbox: Sandbox, port: number): Promise<void> {
  const page = await startPreviewPage(sandbox.reader, { port, logger: ctx.logger });
  ctx.print(`\nPreview page: ${page.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await page.close();
}
