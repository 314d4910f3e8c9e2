import { ApiException } from '@kubernetes/client-node';

/**
 * Why a cluster's listing failed, for its scope and the run's report: a refused token (401/403)
 * named as such, an HTTP status with the API server's reason, or the network error. Never the
 * token: API errors carry the response, not the request's headers.
 */
export function describeClusterError(error: unknown, signal?: AbortSignal): string {
  if (signal?.aborted) return `aborted: ${String(signal.reason ?? 'no reason given')}`;
  if (error instanceof ApiException) {
    const code = Number(error.code);
    const reason = statusMessage(error.body);
    if (code === 401) return `the API server refused the token (401 Unauthorized${reason ? `: ${reason}` : ''})`;
    if (code === 403)
      return `the API server refused access (403 Forbidden${reason ? `: ${reason}` : ''}); check the RBAC and the access entry`;
    return `the API server answered ${code}${reason ? `: ${reason}` : ''}`;
  }
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${(cause as Error & { code?: string }).code ?? cause.name}: ${cause.message}` : undefined;
    return detail ? `${error.message} (${detail})` : error.message;
  }
  return String(error);
}

/** A Status object's message, short. */
function statusMessage(body: unknown): string | undefined {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string' && parsed.message !== '') return parsed.message.slice(0, 200);
  } catch {
    // Not JSON: no reason to quote.
  }
  return undefined;
}
