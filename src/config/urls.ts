import { z } from 'zod';
import { isLoopbackHost } from '../http/index.js';
import { addProblem, quote, scalar } from './values.js';

const LOOPBACK_RULE = 'plain http is only allowed for a loopback host (127.0.0.0/8, ::1, localhost)';

/**
 * An absolute http(s) URL that is safe to send credentials to, and what is wrong with it. The URL
 * itself is never quoted in a problem: a mistaken one may carry a password.
 */
function checkHttpUrl(text: string): { url?: URL; problems: string[] } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problems: ['expected an absolute http(s) URL, e.g. https://example.com'] };
  }
  const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
  const problems = [
    isHttp ? '' : `expected http or https, not ${url.protocol}`,
    url.username || url.password ? 'must not carry a user name or password' : '',
    url.search || url.hash ? 'must not have a query or fragment' : '',
    url.protocol === 'http:' && !isLoopbackHost(url.hostname) ? LOOPBACK_RULE : '',
  ];
  return { url, problems: problems.filter((problem) => problem !== '') };
}

function report(ctx: z.core.$RefinementCtx, problems: string[]): boolean {
  for (const problem of problems) addProblem(ctx, problem);
  return problems.length > 0;
}

export interface HttpOrigin {
  url: string;
  isLoopback: boolean;
}

/** Port's API origin; the client appends /v1 itself, so a path here would double it. */
export const portBaseUrl = scalar.transform((text, ctx): HttpOrigin => {
  const { url, problems } = checkHttpUrl(text);
  if (url && url.pathname !== '/') {
    const hint = /\/v1\/?$/.test(url.pathname) ? 'give the origin; the client adds /v1' : 'give the origin only, e.g. https://api.port.io';
    problems.push(`has a path (${quote(url.pathname)}): ${hint}`);
  }
  if (report(ctx, problems) || !url) return z.NEVER;
  return { url: url.origin, isLoopback: isLoopbackHost(url.hostname) };
});

/** GitLab's root URL; a path is kept because GitLab may be served under a relative URL root. */
export const gitlabUrl = scalar.transform((text, ctx): string => {
  const { url, problems } = checkHttpUrl(text);
  const path = url?.pathname.replace(/\/+$/, '') ?? '';
  if (/\/api\/v4$/.test(path)) {
    problems.push('ends with /api/v4: give the GitLab root URL; the client adds /api/v4');
  }
  if (report(ctx, problems) || !url) return z.NEVER;
  return `${url.origin}${path}`;
});
