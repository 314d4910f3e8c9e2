import { randomBytes } from 'node:crypto';
import { ExitCode, isFatalPortError, PortApiError } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import { userAgent } from '../src/port/client.js';
import { PortHttp } from '../src/port/http.js';
import { SANDBOX_ASSUMPTIONS } from '../src/sandbox/index.js';
import type { CaseContext, ContractCase, Patience } from './case.js';
import { CONTRACT_CASES } from './cases.js';
import { notProbed, SetupError, type Outcome } from './check.js';
import { Probe } from './probe.js';
import { Scratch } from './scratch.js';

export interface ContractSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  syncInstance: string;
  /** Scratch identifier prefix; a fresh `pcs-contract-<random>` by default. */
  prefix?: string;
  /** Assumption ids to probe; all by default. */
  only?: readonly string[];
  /** Stops between cases; cleanup still runs. */
  signal?: AbortSignal;
  logger?: Logger;
  onToken?: (token: string) => void;
  tokenWaitMs?: number;
  patience?: Patience;
  cases?: readonly ContractCase[];
}

export interface CaseResult {
  id: string;
  /** What the sandbox does, from SANDBOX_ASSUMPTIONS. */
  sandbox: string;
  outcome: Outcome;
}

export interface ContractReport {
  prefix: string;
  results: CaseResult[];
  /** Set when the scratch blueprints could not be created, so no case ran. */
  setupError?: string;
  /** What cleanup could not delete; empty when the org is as it was. */
  cleanupProblems: string[];
  interrupted: boolean;
}

/** Long enough for the expiresIn of a re-issued token to drop by whole seconds. */
const DEFAULT_TOKEN_WAIT_MS = 2_000;
/** Up to 5 s for a delete's dependents to disappear before they count as kept. */
const DEFAULT_PATIENCE: Patience = { attempts: 5, waitMs: 1_000 };

export function newPrefix(): string {
  return `pcs-contract-${randomBytes(3).toString('hex')}`;
}

/**
 * Runs every case against one server in SANDBOX_ASSUMPTIONS order, then deletes the scratch
 * catalog whatever happened. Port refusing the credentials or being unreachable ends the run with
 * that error (after cleanup); anything else a case trips over becomes that case's result.
 */
export async function runContract(settings: ContractSettings): Promise<ContractReport> {
  let token: string | undefined;
  const agent = userAgent(settings.syncInstance);
  const http = new PortHttp({
    baseUrl: settings.baseUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    userAgent: agent,
    logger: settings.logger,
    onToken: (t) => {
      token = t;
      settings.onToken?.(t);
    },
  });
  const probe = new Probe(http, settings.baseUrl, agent, () => token);
  const report: ContractReport = { prefix: settings.prefix ?? newPrefix(), results: [], cleanupProblems: [], interrupted: false };
  const scratch = new Scratch(probe, report.prefix);
  const ctx: CaseContext = {
    probe,
    scratch,
    userAgent: agent,
    credentials: { clientId: settings.clientId, clientSecret: settings.clientSecret },
    tokenWaitMs: settings.tokenWaitMs ?? DEFAULT_TOKEN_WAIT_MS,
    patience: settings.patience ?? DEFAULT_PATIENCE,
  };
  let fatal: unknown;
  try {
    await scratch.setup();
    for (const assumption of SANDBOX_ASSUMPTIONS.filter((a) => !settings.only || settings.only.includes(a.id))) {
      if (settings.signal?.aborted) {
        report.interrupted = true;
        break;
      }
      const found = (settings.cases ?? CONTRACT_CASES).find((c) => c.id === assumption.id);
      const outcome = found ? await runCase(found, ctx) : { ...notProbed('no contract case for this assumption'), failed: true };
      report.results.push({ id: assumption.id, sandbox: assumption.sandbox, outcome });
    }
  } catch (error) {
    if (error instanceof SetupError) report.setupError = error.message;
    else fatal = error;
  } finally {
    // Without a single answer nothing can have been written, and an unreachable Port would only be waited on again.
    if (probe.answered > 0) report.cleanupProblems = await scratch.teardown();
  }
  if (fatal !== undefined) {
    // The error ends the run before any table is printed, so what is left must be said here.
    if (report.cleanupProblems.length > 0)
      settings.logger?.warn({ prefix: report.prefix, problems: report.cleanupProblems }, 'Cleanup left scratch objects behind');
    throw fatal;
  }
  return report;
}

async function runCase(c: ContractCase, ctx: CaseContext): Promise<Outcome> {
  try {
    return await c.run(ctx);
  } catch (error) {
    // A refused credential, an unreachable Port or an abort ends the check; anything else fails this case.
    if (error instanceof PortApiError && isFatalPortError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { ...notProbed(error instanceof SetupError ? `setup failed: ${message}` : `probe failed: ${message}`), failed: true };
  }
}

/** Exit status of a Ctrl-C'd run, as shells report one killed by SIGINT. */
export const INTERRUPTED_EXIT = 130;

/** 0 when every probed assumption held and cleanup finished; 1 when one differs or the check itself fell short. */
export function exitCodeOf(report: ContractReport): number {
  if (report.interrupted) return INTERRUPTED_EXIT;
  const fellShort = report.setupError !== undefined || report.cleanupProblems.length > 0;
  const differs = report.results.some((r) => r.outcome.verdict === 'differs' || r.outcome.failed);
  return fellShort || differs ? ExitCode.Partial : ExitCode.Ok;
}
