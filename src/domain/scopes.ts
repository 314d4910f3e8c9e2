/**
 * The unit whose listing completes or fails as a whole, and so the unit of safe deletion: every
 * entity carries the scope that produced it (`syncScope`). One formatter and one parser, so a scope
 * is never built by hand.
 */
export type Scope =
  /** One AWS account x region listing. */
  | { kind: 'aws'; accountId: string; region: string }
  /** The Organizations account listing. */
  | { kind: 'aws-organization' }
  /** A GitLab group (with its subgroups) or project, by full path. */
  | { kind: 'gitlab'; path: string }
  /** One Kubernetes cluster, by ARN or context name. */
  | { kind: 'k8s'; cluster: string }
  /** The months one cost query covered, `YYYY-MM`, first and last. */
  | { kind: 'cost'; from: string; to: string }
  /** One listing of any other source: `<source>:<key>` (a new source needs no new kind here). */
  | { kind: 'listing'; source: string; key: string }
  /** A whole source, when it failed before it could list any scope of its own. */
  | { kind: 'source'; source: string }
  /** Entities the join makes from names (teams, environments, services no source defines). */
  | { kind: 'catalog' };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SOURCE = /^[a-z][a-z0-9-]*$/;
const ACCOUNT = /^\d{12}$/;

export function formatScope(scope: Scope): string {
  switch (scope.kind) {
    case 'aws':
      return `aws:${scope.accountId}:${scope.region}`;
    case 'aws-organization':
      return 'aws:organization';
    case 'gitlab':
      return `gitlab:${scope.path}`;
    case 'k8s':
      return `k8s:${scope.cluster}`;
    case 'cost':
      return `cost:${scope.from}..${scope.to}`;
    case 'listing':
      return `${scope.source}:${scope.key}`;
    case 'source':
      return scope.source;
    case 'catalog':
      return 'catalog';
  }
}

/** The scope a `syncScope` names, or undefined when it is none this version writes. */
export function parseScope(text: string): Scope | undefined {
  if (text === 'catalog') return { kind: 'catalog' };
  if (text === 'aws:organization') return { kind: 'aws-organization' };
  const colon = text.indexOf(':');
  if (colon < 0) return SOURCE.test(text) ? { kind: 'source', source: text } : undefined;
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (rest === '') return undefined;
  if (kind === 'aws') {
    const [accountId, region, extra] = rest.split(':');
    return accountId && region && extra === undefined && ACCOUNT.test(accountId) ? { kind: 'aws', accountId, region } : undefined;
  }
  if (kind === 'gitlab') return { kind: 'gitlab', path: rest };
  if (kind === 'k8s') return { kind: 'k8s', cluster: rest };
  if (kind === 'cost') {
    const [from, to, extra] = rest.split('..');
    return from && to && extra === undefined && MONTH.test(from) && MONTH.test(to) ? { kind: 'cost', from, to } : undefined;
  }
  return SOURCE.test(kind) ? { kind: 'listing', source: kind, key: rest } : undefined;
}
