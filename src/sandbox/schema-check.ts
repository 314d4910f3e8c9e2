import type { z } from 'zod';
import { schemaError } from './http-error.js';

/** Parses a route body against its schema; the first problem becomes Port's 422 route-schema error. */
export function parseRoute<T>(schema: z.ZodType<T>, value: unknown, where = 'body'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [where, ...(issue?.path ?? []).map(String)].join('/');
  throw schemaError(`${path}: ${issue?.message ?? 'invalid'}`);
}
