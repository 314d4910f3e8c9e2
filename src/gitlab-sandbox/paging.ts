/** Which pagination headers an offset page carries: GitLab sends both; a proxy may drop `Link`. */
export type PagingHeaders = 'both' | 'link' | 'x-headers';

/** GitLab's default and largest `per_page`. */
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export function perPageOf(query: URLSearchParams): number {
  const asked = Number(query.get('per_page') ?? DEFAULT_PER_PAGE);
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
}

/**
 * One offset page as GitLab serves it: `page`/`per_page`, `Link` with next/prev/first/last on
 * the request's own URL, and the `X-Page` family.
 */
export function offsetPage<T>(all: T[], query: URLSearchParams, selfUrl: URL, style: PagingHeaders): Page<T> {
  const perPage = perPageOf(query);
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const at = (n: number) => {
    const url = new URL(selfUrl);
    url.searchParams.set('page', String(n));
    url.searchParams.set('per_page', String(perPage));
    return url.href;
  };
  const links = [
    ...(page < totalPages ? [`<${at(page + 1)}>; rel="next"`] : []),
    ...(page > 1 ? [`<${at(page - 1)}>; rel="prev"`] : []),
    `<${at(1)}>; rel="first"`,
    `<${at(totalPages)}>; rel="last"`,
  ];
  const headers: Record<string, string> = {};
  if (style !== 'x-headers') headers.link = links.join(', ');
  if (style !== 'link') {
    Object.assign(headers, {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(all.length),
      'x-total-pages': String(totalPages),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
    });
  }
  return { items, headers };
}

/**
 * One keyset page of the repository tree as current GitLab serves it: `page_token` names the last
 * entry of the previous page (base64 JSON, as Gitaly's cursor), and only `Link: rel="next"` is
 * sent, with the extra `id` and `page=1` GitLab puts in it.
 */
export function keysetTreePage<T extends { path: string }>(all: T[], query: URLSearchParams, selfUrl: URL, projectId: number): Page<T> {
  const perPage = perPageOf(query);
  const token = query.get('page_token');
  const after = token ? (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { file_name: string }).file_name : undefined;
  const start = after === undefined ? 0 : all.findIndex((e) => e.path === after) + 1;
  const items = all.slice(start, start + perPage);
  const last = items.at(-1);
  if (!last || start + perPage >= all.length) return { items, headers: {} };
  const next = new URL(selfUrl);
  next.search = '';
  next.searchParams.set('id', String(projectId));
  next.searchParams.set('page', '1');
  next.searchParams.set('page_token', Buffer.from(JSON.stringify({ file_name: last.path })).toString('base64'));
  for (const key of ['pagination', 'path', 'recursive', 'ref']) {
    const value = query.get(key);
    if (value !== null) next.searchParams.set(key, value);
  }
  next.searchParams.set('per_page', String(perPage));
  return { items, headers: { link: `<${next.href}>; rel="next"` } };
}
