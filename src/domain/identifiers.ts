import { createHash } from 'node:crypto';

/** Port's entity identifier pattern, one character at a time (`.` and `..` alone are handled apart). */
const ALLOWED = /^[\p{L}0-9@_.+:\\/='-]$/u;
/** The same characters, a whole string of them: most identifiers (ARNs, paths) need no escaping. */
const ALL_ALLOWED = /^[\p{L}0-9@_.+:\\/='-]+$/u;
/** Port's limit on an entity identifier. */
const MAX_LENGTH = 1000;
/** Hex characters of sha256(raw) kept in a shortened identifier: 64 bits keep collisions out of reach. */
const HASH_LENGTH = 16;
/** What a shortened identifier keeps of its start: the rest of the limit after `-` and the hash. */
const KEPT_LENGTH = MAX_LENGTH - 1 - HASH_LENGTH;

/** `=` and the uppercase hex of each UTF-8 byte: ` ` -> `=20`, `é` stays, `€` -> `=E2=82=AC`. */
function escapeCharacter(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * Keeps the first KEPT_LENGTH UTF-16 units, one fewer when that would split a surrogate pair: a lone
 * half is no letter and Port would reject it.
 */
function keepStart(identifier: string): string {
  const last = identifier.charCodeAt(KEPT_LENGTH - 1);
  const splitsPair = last >= 0xd800 && last <= 0xdbff;
  return identifier.slice(0, splitsPair ? KEPT_LENGTH - 1 : KEPT_LENGTH);
}

/**
 * Any string as a valid Port entity identifier, the same way everywhere (DESIGN.md section 4).
 * Length is counted in UTF-16 units, which is never less than in code points, so the result fits
 * whichever of the two Port counts. Empty input stays empty: the caller reports it.
 */
export function toIdentifier(raw: string): string {
  if (raw === '') return '';
  if (raw === '.' || raw === '..') return [...raw].map(escapeCharacter).join('');
  // The raw string itself when nothing needs escaping: no copy, and no string built one character at
  // a time (a chain of ~70 concatenation nodes per ARN, 2 KB each on a 100k estate).
  const identifier = ALL_ALLOWED.test(raw) ? raw : escaped(raw);
  if (identifier.length <= MAX_LENGTH) return identifier;
  const hash = createHash('sha256').update(raw, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  return `${keepStart(identifier)}-${hash}`;
}

function escaped(raw: string): string {
  const parts: string[] = [];
  for (const char of raw) parts.push(ALLOWED.test(char) ? char : escapeCharacter(char));
  return parts.join('');
}

/** The form central tag values and group names are matched on: `Checkout `, `checkout` are one name. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A team, environment or service name as its canonical name, through the configured aliases. */
export function canonicalName(raw: string, aliases: Readonly<Record<string, string>>): string {
  const name = normaliseName(raw);
  return Object.hasOwn(aliases, name) ? (aliases[name] ?? name) : name;
}

/** The identifier of a team, environment or service named `canonical`. */
export function nameToIdentifier(canonical: string): string {
  return toIdentifier(canonical.replace(/\s+/g, '-'));
}
