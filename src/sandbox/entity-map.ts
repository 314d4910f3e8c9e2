import type { Revision } from './revision.js';
import type { StoredEntity } from './types.js';

/**
 * The entities of one blueprint. Paginated search walks identifiers in sorted order; sorting on
 * every page would make a 100k-entity read quadratic, so the sorted list is cached and rebuilt only
 * when an identifier is added or removed. Tests may mutate the map directly, hence the overrides
 * rather than a separate "dirty" call.
 */
export class EntityMap extends Map<string, StoredEntity> {
  private keysVersion = 0;
  private sorted: { version: number; ids: string[] } | undefined;
  private readonly revision: Revision | undefined;

  /** `revision` is bumped on every change, so computed values know when to recompute. */
  constructor(revision?: Revision) {
    super();
    this.revision = revision;
  }

  override set(key: string, value: StoredEntity): this {
    if (!this.has(key)) this.keysVersion += 1;
    this.revision?.bump();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    const removed = super.delete(key);
    if (removed) {
      this.keysVersion += 1;
      this.revision?.bump();
    }
    return removed;
  }

  override clear(): void {
    this.keysVersion += 1;
    this.revision?.bump();
    super.clear();
  }

  /** Identifiers in code-unit order (stable across runs, unlike locale order). */
  sortedIdentifiers(): string[] {
    if (this.sorted?.version !== this.keysVersion) {
      const ids = [...this.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      this.sorted = { version: this.keysVersion, ids };
    }
    return this.sorted.ids;
  }
}
