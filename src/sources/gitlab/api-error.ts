import { PortSyncError } from '../../errors.js';

export interface GitlabApiErrorDetails {
  method: string;
  /** The request's path, without its query: the token travels in a header and never here. */
  path: string;
  /** Absent when GitLab never answered. */
  status?: number;
  /** The network error code when GitLab never answered (ECONNREFUSED, ETIMEDOUT, ...). */
  code?: string;
  /** GitLab's own words from the body's `message` or `error` field, or the start of a non-JSON body. */
  gitlabMessage?: string;
  /** Attempts made, when the retry budget ran out. */
  attempts?: number;
}

/** A GitLab call that failed after the client's retries. Never carries the token. */
export class GitlabApiError extends PortSyncError {
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly code?: string;
  readonly gitlabMessage?: string;
  readonly attempts?: number;

  constructor(details: GitlabApiErrorDetails, options?: { message?: string }) {
    super(options?.message ?? describeGitlabFailure(details));
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.gitlabMessage = details.gitlabMessage;
    this.attempts = details.attempts;
  }
}

/** GitLab answered 404: the project, branch or file is not there (or not visible to the token). */
export function isGitlabNotFound(error: unknown): boolean {
  return error instanceof GitlabApiError && error.status === 404;
}

function describeGitlabFailure(d: GitlabApiErrorDetails): string {
  const outcome = d.status === undefined ? `no answer${d.code ? ` (${d.code})` : ''}` : `HTTP ${d.status}`;
  const said = d.gitlabMessage ? `: ${d.gitlabMessage}` : '';
  const tries = d.attempts === undefined ? '' : ` after ${d.attempts} attempts`;
  return `GitLab ${d.method} ${d.path} failed with ${outcome}${said}${tries}`;
}

/** GitLab answered 2xx, but not in the shape this client reads (a list that is not a list, a branch without a commit). */
export class UnexpectedGitlabAnswerError extends PortSyncError {
  constructor(
    /** What was read, e.g. `branch main of acme/shop`. */
    readonly what: string,
    readonly problem: string,
  ) {
    super(`GitLab answered the read of ${what} in an unexpected shape: ${problem}`);
  }
}
