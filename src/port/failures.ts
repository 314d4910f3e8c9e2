import type { AxiosResponse } from 'axios';
import { z } from 'zod';
import { PortApiError, PortAuthError, PortUnreachableError, type PortApiErrorDetails } from '../errors.js';

/** What an error names of the call that failed. */
export interface FailedCall {
  method: string;
  path: string;
}

/** Removes secrets from a text Port sent back. */
export type Scrub = (text: string) => string;

const ErrorBody = z.object({ error: z.string().optional(), message: z.string().optional() }).passthrough();

export function traceIdOf(response: AxiosResponse): string | undefined {
  const value = (response.headers as Record<string, unknown>)['x-trace-id'];
  return typeof value === 'string' ? value : undefined;
}

export function detailsOf(call: FailedCall, response: AxiosResponse, scrub: Scrub): PortApiErrorDetails {
  const body = errorBodyOf(response);
  return {
    method: call.method,
    path: call.path,
    status: response.status,
    code: body.error,
    portMessage: body.message === undefined ? undefined : scrub(body.message),
    traceId: traceIdOf(response),
  };
}

/** The error for a final answer; `attempts` is set when retries were spent on it. */
export function answerFailure(call: FailedCall, response: AxiosResponse, scrub: Scrub, attempts?: number): PortApiError {
  const details = detailsOf(call, response, scrub);
  if (response.status === 401 || response.status === 403) return new PortAuthError(details);
  if (attempts === undefined) return new PortApiError(details);
  const base = new PortApiError(details).message;
  return response.status === 429
    ? new PortApiError(details, { message: `${base}; still rate limited after ${attempts} attempts` })
    : new PortUnreachableError(details, { message: `${base}; gave up after ${attempts} attempts` });
}

/** The token request refused: named by client id, never by secret. */
export function credentialsRefused(call: FailedCall, response: AxiosResponse, scrub: Scrub, clientId: string): PortAuthError {
  const details = detailsOf(call, response, scrub);
  const why = details.portMessage ? `: ${details.portMessage}` : '';
  return new PortAuthError(details, {
    message: `Port refused the credentials of client ${clientId} (HTTP ${response.status}${why})`,
  });
}

export function unreachable(call: FailedCall, code: string | undefined, message: string, attempts: number): PortUnreachableError {
  return new PortUnreachableError(
    { method: call.method, path: call.path, code },
    {
      message: `Port ${call.method} ${call.path} could not be reached (${code ?? message}); gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
    },
  );
}

/** Shorter values would redact ordinary words; no real secret or token is this short. */
const MIN_SECRET_LENGTH = 6;

/** Port may echo what it was sent; nothing it says travels on with our secrets in it. */
export function scrub(text: string, secrets: (string | undefined)[]): string {
  return secrets.reduce<string>(
    (out, secret) => (secret && secret.length >= MIN_SECRET_LENGTH ? out.split(secret).join('[REDACTED]') : out),
    text,
  );
}

function errorBodyOf(response: AxiosResponse): { error?: string; message?: string } {
  const parsed = ErrorBody.safeParse(response.data);
  if (!parsed.success) return {};
  return {
    error: typeof parsed.data.error === 'string' ? parsed.data.error : undefined,
    message: typeof parsed.data.message === 'string' ? parsed.data.message : undefined,
  };
}
