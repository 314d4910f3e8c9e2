import { fetchHeaderLookup, type Attempt } from '../../src/http/index.js';

/**
 * An attempt made with global fetch, as a GitLab client on @gitbeaker/rest would make it: the loop
 * must not care which HTTP client sits under it.
 */
export function fetchAttempt(url: string, accept: (status: number) => boolean = (s) => s < 300): Attempt<Response> {
  return async () => {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      return {
        kind: 'answer',
        status: response.status,
        header: fetchHeaderLookup(response.headers),
        value: response,
        accepted: accept(response.status),
      };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return { kind: 'network', code: cause?.code, message: String(error) };
    }
  };
}
