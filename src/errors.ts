/**
 * One error hierarchy. Subclasses exist for what the caller decides, and each carries the exit
 * code the CLI uses when the error ends a run (DESIGN.md section 3).
 */
export const ExitCode = {
  /** The run did everything it set out to do. */
  Ok: 0,
  /** The run finished but something was skipped: a scope or entities failed, deletions refused. */
  Partial: 1,
  /** Bad configuration or bad model files: nothing was written. */
  BadInput: 2,
  /** Port unreachable or credentials refused: nothing was written. */
  PortUnavailable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class PortSyncError extends Error {
  readonly exitCode: ExitCode = ExitCode.Partial;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Configuration that cannot be used; `problems` lists every one, each naming its source. */
export class ConfigError extends PortSyncError {
  override readonly exitCode = ExitCode.BadInput;

  constructor(
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
  }
}

/** Model files (blueprints, scorecards, dashboards) that cannot be applied. */
export class ModelError extends PortSyncError {
  override readonly exitCode = ExitCode.BadInput;

  constructor(
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(`Invalid model files:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
  }
}

export interface PortApiErrorDetails {
  method: string;
  path: string;
  status?: number;
  /** Port's machine code from the body's `error` field, e.g. `not_found`. */
  code?: string;
  /** Port's human message from the body's `message` field. */
  portMessage?: string;
  traceId?: string;
}

/** A Port call that failed after the client's retries. Never carries a secret. */
export class PortApiError extends PortSyncError {
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly code?: string;
  readonly portMessage?: string;
  readonly traceId?: string;

  constructor(details: PortApiErrorDetails, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? describePortFailure(details), options);
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.portMessage = details.portMessage;
    this.traceId = details.traceId;
  }

  toJSON(): PortApiErrorDetails & { message: string } {
    return {
      message: this.message,
      method: this.method,
      path: this.path,
      status: this.status,
      code: this.code,
      portMessage: this.portMessage,
      traceId: this.traceId,
    };
  }
}

/** Port refused the credentials (or refused them again after a token refresh). */
export class PortAuthError extends PortApiError {
  override readonly exitCode = ExitCode.PortUnavailable;
}

/** Port could not be reached at all, or kept failing past the retry budget with no answer. */
export class PortUnreachableError extends PortApiError {
  override readonly exitCode = ExitCode.PortUnavailable;
}

/**
 * The run's AbortSignal fired (time limit, SIGTERM): no new call was started after it. Exit 1: the
 * run stopped part way, and the next run converges.
 */
export class RunAbortedError extends PortSyncError {
  override readonly exitCode = ExitCode.Partial;
  /** Why the run was aborted, as the signal's reason said it. */
  readonly reason: string;

  constructor(reason?: unknown) {
    const why = reasonText(reason);
    super(`The run was aborted: ${why}`, reason instanceof Error ? { cause: reason } : undefined);
    this.reason = why;
  }
}

/** A source could not list one of its scopes; that scope is skipped along with its deletions. */
export class SourceError extends PortSyncError {
  constructor(
    readonly source: string,
    readonly scope: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source} ${scope}: ${message}`, options);
  }
}

/**
 * Whether the run cannot go on after this error: Port refused the credentials or cannot be
 * reached, the run was aborted, or something that is not Port's answer about one call went wrong.
 * Anything else (a PortApiError about one call) fails that call only.
 */
export function isFatalPortError(error: unknown): boolean {
  return (
    error instanceof PortAuthError ||
    error instanceof PortUnreachableError ||
    error instanceof RunAbortedError ||
    !(error instanceof PortApiError)
  );
}

function reasonText(reason: unknown): string {
  if (reason instanceof RunAbortedError) return reason.reason;
  if (reason instanceof Error) return reason.message;
  if (typeof reason === 'string' && reason !== '') return reason;
  return 'no reason given';
}

function describePortFailure(d: PortApiErrorDetails): string {
  const status = d.status === undefined ? 'no response' : `HTTP ${d.status}`;
  const what = [d.code, d.portMessage].filter(Boolean).join(': ');
  const trace = d.traceId ? ` (x-trace-id ${d.traceId})` : '';
  return `Port ${d.method} ${d.path} failed with ${status}${what ? ` ${what}` : ''}${trace}`;
}

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof PortSyncError ? error.exitCode : ExitCode.Partial;
}
