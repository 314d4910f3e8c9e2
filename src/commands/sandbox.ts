import { once } from 'node:events';
import { ExitCode } from '../errors.js';
import { isLoopbackHost } from '../http/index.js';
import { createSandbox } from '../sandbox/index.js';
import type { CommandContext } from './context.js';

export interface SandboxCommandOptions {
  port: number;
  host: string;
  state?: string;
}

/** `port-sync sandbox`: the Port-compatible sandbox on its own, until interrupted. */
export async function sandboxCommand(ctx: CommandContext, options: SandboxCommandOptions): Promise<ExitCode> {
  if (!isLoopbackHost(options.host)) {
    ctx.logger.warn({ host: options.host }, 'The sandbox accepts any credentials; it is reachable beyond this machine');
  }
  // A long-lived sandbox keeps no request bodies: its call log would otherwise grow with every sync.
  const sandbox = createSandbox({ stateFile: options.state, logger: ctx.logger, recordBodies: false });
  const url = await sandbox.start(options.port, options.host);
  ctx.print(
    [
      `Port sandbox listening on ${url}`,
      '',
      'Connect port-sync (or any Port client) with:',
      `  export PORT_BASE_URL=${url}`,
      '  export PORT_CLIENT_ID=sandbox',
      '  export PORT_CLIENT_SECRET=sandbox',
      '(any non-empty client id and secret are accepted)',
      '',
      options.state ? `State is kept in ${options.state}` : 'State is in memory and is lost on exit (--state FILE keeps it)',
      `Calls per route: ${url}/_sandbox/stats    Reset: POST ${url}/_sandbox/reset`,
      'Stop with Ctrl-C.',
    ].join('\n'),
  );
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  ctx.logger.info({ signal }, 'Stopping the sandbox');
  await sandbox.close();
  return ExitCode.Ok;
}
