import { isIP } from 'node:net';
import type { Json } from './types.js';

/**
 * Checks one property value against its definition, as Port's server-side JSON-schema check does:
 * type, format, enum, pattern, length and range, array items.
 * Port: confirmed (PORT-API.md 2.9, 3.3 — type/format/enum/pattern/required are validated)
 * Returns the problem, or undefined for a valid value.
 */
export function propertyProblem(id: string, value: unknown, def: Json): string | undefined {
  const problem = typeProblem(value, def) ?? constraintProblem(value, def);
  return problem === undefined ? undefined : `property "${id}" ${problem}`;
}

function typeProblem(value: unknown, def: Json): string | undefined {
  switch (def.type) {
    case 'string':
      return typeof value === 'string' ? formatProblem(value, def.format) : 'must be a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'must be an object';
    case 'array':
      return Array.isArray(value) ? itemsProblem(value, def.items) : 'must be an array';
    default:
      return undefined;
  }
}

function itemsProblem(values: unknown[], items: unknown): string | undefined {
  if (items === null || typeof items !== 'object') return undefined;
  for (const [i, item] of values.entries()) {
    const problem = typeProblem(item, items as Json) ?? constraintProblem(item, items as Json);
    if (problem) return `item ${i} ${problem}`;
  }
  return undefined;
}

// The formats Port documents whose values have a checkable shape (PORT-API.md 3.3).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function formatProblem(value: string, format: unknown): string | undefined {
  switch (format) {
    case 'date-time':
    case 'timer':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'must match format "date-time"';
    case 'url':
      return isUrl(value) ? undefined : 'must match format "url"';
    case 'email':
    case 'idn-email':
    case 'user':
      return EMAIL.test(value) ? undefined : `must match format "${format}"`;
    case 'ipv4':
      return isIP(value) === 4 ? undefined : 'must match format "ipv4"';
    case 'ipv6':
      return isIP(value) === 6 ? undefined : 'must match format "ipv6"';
    default:
      return undefined;
  }
}

function isUrl(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

function constraintProblem(value: unknown, def: Json): string | undefined {
  if (Array.isArray(def.enum) && !def.enum.some((allowed) => allowed === value)) {
    return `must be equal to one of the allowed values (${def.enum.map((v) => JSON.stringify(v)).join(', ')})`;
  }
  if (typeof value === 'string') return stringProblem(value, def);
  if (typeof value === 'number') return rangeProblem(value, def);
  if (Array.isArray(value)) {
    if (typeof def.minItems === 'number' && value.length < def.minItems) return `must NOT have fewer than ${def.minItems} items`;
    if (typeof def.maxItems === 'number' && value.length > def.maxItems) return `must NOT have more than ${def.maxItems} items`;
  }
  return undefined;
}

function stringProblem(value: string, def: Json): string | undefined {
  const length = [...value].length;
  if (typeof def.minLength === 'number' && length < def.minLength) return `must NOT have fewer than ${def.minLength} characters`;
  if (typeof def.maxLength === 'number' && length > def.maxLength) return `must NOT have more than ${def.maxLength} characters`;
  if (typeof def.pattern === 'string' && !safePattern(def.pattern).test(value)) return `must match pattern "${def.pattern}"`;
  return undefined;
}

function rangeProblem(value: number, def: Json): string | undefined {
  if (typeof def.minimum === 'number' && value < def.minimum) return `must be >= ${def.minimum}`;
  if (typeof def.maximum === 'number' && value > def.maximum) return `must be <= ${def.maximum}`;
  return undefined;
}

/** A blueprint's pattern is checked when it is stored; this only guards old state files. */
function safePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return /(?:)/;
  }
}
