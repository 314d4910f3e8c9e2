/** What a request read, by the route it went to. */
export type GitlabRequestKind = 'projectPages' | 'branches' | 'treePages' | 'files' | 'tagPages' | 'other';

/**
 * Requests sent, retries included (what GitLab's rate limit counts), by kind: enough for a report or
 * the benchmark to say that a no-change run read no tree and no file.
 */
export interface GitlabRequestCounts extends Record<GitlabRequestKind, number> {
  total: number;
  /** Attempts that were answered with a retryable failure and tried again. */
  retries: number;
  /** Time spent waiting, backoff and pacing alike. */
  waitedMs: number;
}

/** Path parameters are URI-encoded by gitbeaker, so none of them holds a `/`. */
const KINDS: [GitlabRequestKind, RegExp][] = [
  ['projectPages', /\/api\/v4\/groups\/[^/]+\/projects$/],
  ['branches', /\/api\/v4\/projects\/[^/]+\/repository\/branches\/[^/]+$/],
  ['treePages', /\/api\/v4\/projects\/[^/]+\/repository\/tree$/],
  ['files', /\/api\/v4\/projects\/[^/]+\/repository\/files\/[^/]+\/raw$/],
  ['tagPages', /\/api\/v4\/projects\/[^/]+\/repository\/tags$/],
];

export function requestKind(pathname: string): GitlabRequestKind {
  return KINDS.find(([, pattern]) => pattern.test(pathname))?.[0] ?? 'other';
}

export function createRequestCounts() {
  const counts: GitlabRequestCounts = {
    total: 0,
    retries: 0,
    waitedMs: 0,
    projectPages: 0,
    branches: 0,
    treePages: 0,
    files: 0,
    tagPages: 0,
    other: 0,
  };
  return {
    sent(kind: GitlabRequestKind): void {
      counts.total += 1;
      counts[kind] += 1;
    },
    retried(): void {
      counts.retries += 1;
    },
    waited(ms: number): void {
      counts.waitedMs += ms;
    },
    snapshot(): GitlabRequestCounts {
      return { ...counts };
    },
  };
}
