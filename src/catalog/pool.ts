/** Longest string looked up in the pool: tag values, names, regions, account ids, versions. */
const POOLED_LENGTH = 40;

/**
 * One copy of each string value while the join builds a catalog. A source hands over a fresh string
 * for every value it parsed or built, so 100k resources carry 100k copies of "eu-west-1", of each
 * team's name and of every tag value they share; and a string built by concatenation is a tree of
 * pieces until something flattens it (a console URL made of six parts is six nodes and their
 * leaves). The pool keeps the first copy of each short value, flat, and hands it out for every
 * later equal value (longer ones are only made flat): the catalog then holds each distinct value
 * once, and the fragments' copies go with the fragments. The pool lives as long as one join.
 */
export class ValuePool {
  private readonly strings = new Map<string, string>();

  /** The pool's copy of `value`. */
  string(value: string): string {
    // Long values (URLs, ARNs, descriptions) are nearly always one of a kind: looking them up would
    // cost more than sharing them saves, so they are only made flat.
    if (value.length > POOLED_LENGTH) return flatten(value);
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    const copy = flatten(value);
    this.strings.set(copy, copy);
    return copy;
  }

  /**
   * `value` with every string in it pooled. Arrays and plain objects (a fragment's tags) are pooled
   * in place, keeping the shape the source gave them (a copy would double them while the join runs);
   * a frozen one is copied. Anything else is returned as it is.
   */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) {
      const target: unknown[] = Object.isFrozen(value) ? [...(value as unknown[])] : value;
      for (let index = 0; index < target.length; index += 1) target[index] = this.value(target[index]);
      return target;
    }
    if (isPlainObject(value)) {
      const target = Object.isFrozen(value) ? { ...value } : value;
      for (const key of Object.keys(target)) target[key] = this.value(target[key]);
      return target;
    }
    return value;
  }

  get size(): number {
    return this.strings.size;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * `value` made flat: a string built by concatenation is a tree of its pieces (a console URL of six
 * parts is six nodes and their leaves) until something reads its characters, which makes V8 copy it
 * into one flat sequence the tree then points to; its pieces become garbage. Flat strings, what a
 * parsed API answer holds, are left as they are at the cost of one character read.
 */
function flatten(value: string): string {
  if (value.length > 0) value.charCodeAt(0);
  return value;
}
