import type { FieldKey } from './types.js';

/**
 * An entity's values by field while the join merges them, in the order they were set: the part of a
 * Map the join uses, over a plain object. Fragments of one source and blueprint set the same fields
 * in the same order, so their objects share one shape; a Map per fragment cost about four times the
 * memory, and a 100k estate holds one per entity until the join has placed them.
 */
export class FieldValues implements Iterable<[FieldKey, unknown]> {
  private readonly byField: Partial<Record<FieldKey, unknown>> = {};

  set(field: FieldKey, value: unknown): this {
    this.byField[field] = value;
    return this;
  }

  get(field: FieldKey): unknown {
    return this.has(field) ? this.byField[field] : undefined;
  }

  has(field: FieldKey): boolean {
    return Object.hasOwn(this.byField, field);
  }

  keys(): FieldKey[] {
    return Object.keys(this.byField) as FieldKey[];
  }

  *[Symbol.iterator](): Iterator<[FieldKey, unknown]> {
    for (const field of this.keys()) yield [field, this.byField[field]];
  }
}
