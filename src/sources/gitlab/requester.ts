import type { Groups } from '@gitbeaker/rest';
import type { GitlabAnswer } from './http.js';

/**
 * gitbeaker's requester contract, taken from a resource's constructor: @gitbeaker/rest does not
 * re-export the types (or createRequesterFn) of @gitbeaker/requester-utils, and that package is not
 * a dependency of ours.
 */
export type GitlabRequesterFn = NonNullable<ConstructorParameters<typeof Groups>[0]['requesterFn']>;
type Requester = ReturnType<GitlabRequesterFn>;
type ResourceOptions = Parameters<GitlabRequesterFn>[0];
type RequestOptions = NonNullable<Parameters<Requester['get']>[1]>;
type Answer = Awaited<ReturnType<Requester['get']>>;

/**
 * A requester for gitbeaker's resource classes that sends every GET through `get` (our retries,
 * pacing, limit and errors) instead of gitbeaker's own ten immediate retries. This client only
 * reads: any other method is refused before it reaches GitLab, which also keeps a `read_api` token
 * sufficient.
 */
export function createGitlabRequesterFn(get: (url: URL) => Promise<GitlabAnswer>): GitlabRequesterFn {
  return (resource: ResourceOptions): Requester => {
    const read = async (endpoint: string, options?: RequestOptions): Promise<Answer> => {
      const url = requestUrl(resource.url, endpoint, options?.searchParams);
      return withNextLink(url, await get(url)) as Answer;
    };
    const refuse = (method: string) => (endpoint: string) =>
      Promise.reject(new Error(`The GitLab client only reads; ${method} ${endpoint} was not sent`));
    return { get: read, post: refuse('POST'), put: refuse('PUT'), patch: refuse('PATCH'), delete: refuse('DELETE') } as Requester;
  };
}

/**
 * gitbeaker follows only `Link: rel="next"`. An answer that gives its next page only as
 * `X-Next-Page` (a proxy that drops `Link`) gets the `Link` GitLab would have sent, so its later
 * pages are read too instead of silently ending the list at page 1.
 */
export function withNextLink(url: URL, answer: GitlabAnswer): GitlabAnswer {
  const link = answer.headers.link ?? '';
  const next = Number(answer.headers['x-next-page']);
  const current = Number(url.searchParams.get('page') ?? '1');
  if (!Array.isArray(answer.body) || /rel="next"/.test(link) || !Number.isInteger(next) || next <= current) return answer;
  const nextUrl = new URL(url);
  nextUrl.searchParams.set('page', String(next));
  const nextLink = `<${nextUrl.href}>; rel="next"`;
  return { ...answer, headers: { ...answer.headers, link: link ? `${link}, ${nextLink}` : nextLink } };
}

/**
 * The URL gitbeaker's own request handler would build: `endpoint` (already URI-encoded) under the
 * resource's `${host}/api/v4/`, so a GitLab under a relative URL root keeps its path.
 */
export function requestUrl(base: string, endpoint: string, searchParams: Record<string, unknown> | undefined): URL {
  const url = new URL(endpoint, base.endsWith('/') ? base : `${base}/`);
  url.search = formatQuery(searchParams);
  return url;
}

/**
 * gitbeaker's query format: camelCase keys snake_cased (`perPage` -> `per_page`), arrays as
 * `key[]=v`, objects as `key[sub]=v`, undefined left out. Next-page queries come back camelCased
 * from gitbeaker's paginator and go out snake_cased again here.
 */
export function formatQuery(params: Record<string, unknown> | undefined): string {
  const query = new URLSearchParams();
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) add(`${key}[]`, item);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) add(`${key}[${snakeCase(k)}]`, v);
    } else {
      query.append(key, value === null ? '' : String(value as string | number | boolean));
    }
  };
  for (const [key, value] of Object.entries(params ?? {})) add(snakeCase(key), value);
  return query.toString();
}

function snakeCase(key: string): string {
  return key.replace(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase();
}
