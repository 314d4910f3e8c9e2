import type { IncomingMessage } from 'node:http';
import { SandboxHttpError } from './http-error.js';

/** Port: confirmed (DOCS port-api.info.mdx § Size limit; SPEC 413) — 1 MiB per request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface RawBody {
  bytes: number;
  /** Undefined when the body was over the limit: it is drained, never kept. */
  raw?: Buffer;
}

/** Reads the body, counting every byte but keeping none past the limit. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<RawBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    if (bytes <= limit) chunks.push(buffer);
  }
  return bytes > limit ? { bytes } : { bytes, raw: Buffer.concat(chunks) };
}

export function tooLarge(): SandboxHttpError {
  // Port: confirmed (DOCS port-api.info.mdx message); Port: assumed (open question 3; error-codes)
  return new SandboxHttpError(413, 'request_too_large', 'Request body is too large (limit is 1MiB)');
}

/** Empty means no body; anything else must be JSON. */
export function parseJson(raw: Buffer | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    // Port: assumed (open question 3; bad-json-400) — Port lists no 400, yet a body that is not JSON cannot reach a route schema.
    throw new SandboxHttpError(400, 'invalid_json', 'The request body is not valid JSON');
  }
}

/** What a recorded request keeps of its body: the JSON, else the text. */
export function recordableBody(raw: Buffer | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
