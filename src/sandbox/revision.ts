/**
 * Counts every change to what computed values (scorecards, aggregation and mirror properties)
 * depend on, so they are computed on read and cached until the next change, never on write.
 */
export class Revision {
  value = 0;

  bump(): void {
    this.value += 1;
  }
}

/** A Map that bumps a revision on every change (blueprints and scorecards). */
export class VersionedMap<K, V> extends Map<K, V> {
  private revision: Revision | undefined;

  constructor(revision: Revision) {
    super();
    this.revision = revision;
  }

  override set(key: K, value: V): this {
    this.revision?.bump();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.revision?.bump();
    return super.delete(key);
  }

  override clear(): void {
    this.revision?.bump();
    super.clear();
  }
}
