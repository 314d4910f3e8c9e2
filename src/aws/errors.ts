import { PortSyncError } from '../errors.js';

/**
 * An AWS error as `Name: message`, which names the cause (AccessDenied, throttling, an aborted
 * call) and never a secret: AWS error messages carry none. Our own errors keep their message.
 */
export function describeAwsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof PortSyncError) return error.message;
  const { name, message } = error;
  if (!message || message === name) return name;
  if (name === 'Error' || message.startsWith(name)) return message;
  return `${name}: ${message}`;
}

/** The run was aborted (time limit, SIGTERM): what a call failed with, or the signal itself. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}
